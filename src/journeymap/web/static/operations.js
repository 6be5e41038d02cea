/* Operations on a map's JSON document: the page's twin of journeymap/model/operations.py (change both together). */
const MISSING = Symbol("missing");

class OperationError extends Error {}

const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
const isIndex = (segment) => typeof segment === "number";
const samePath = (a, b) => a.length === b.length && a.every((segment, index) => segment === b[index]);
const isPrefix = (prefix, path) => path.length >= prefix.length && prefix.every((segment, index) => segment === path[index]);
const strictlyInside = (prefix, path) => path.length > prefix.length && isPrefix(prefix, path);
const renderPath = (path) => path.join("/");

/* ---------- applying ---------- */

function findStep(document, stepId) {
  for (const stage of document.stages || []) {
    for (const step of stage.steps || []) if (step && step.id === stepId) return step;
  }
  return MISSING;
}

function indexOf(items, key) {
  if (isIndex(key)) return key >= 0 && key < items.length ? key : -1;
  return items.findIndex((item) => item && typeof item === "object" && item.id === key);
}

function getChild(node, key, path) {
  if (node && node.stepsOf) return findStep(node.stepsOf, key);
  if (Array.isArray(node)) {
    const index = indexOf(node, key);
    return index < 0 ? MISSING : node[index];
  }
  if (node && typeof node === "object") return typeof key === "string" && Object.prototype.hasOwnProperty.call(node, key) ? node[key] : MISSING;
  throw new OperationError(`${renderPath(path)}: has no parts`);
}

function parentOf(document, path, create) {
  let node = document;
  for (let depth = 0; depth < path.length - 1; depth += 1) {
    const segment = path[depth];
    if (depth === 0 && segment === "steps") { node = { stepsOf: document }; continue; }
    let child = getChild(node, segment, path);
    if (child === MISSING || child === null) {
      if (!(create && !Array.isArray(node) && !node.stepsOf && typeof segment === "string")) throw new OperationError(`nothing at ${renderPath(path.slice(0, depth + 1))}`);
      child = isIndex(path[depth + 1]) ? [] : {};
      node[segment] = child;
    }
    node = child;
  }
  return [node, path[path.length - 1]];
}

function asList(parent, path) {
  if (!Array.isArray(parent)) throw new OperationError(`${renderPath(path.slice(0, -1))} is not a list`);
  return parent;
}

/** Apply ``operation`` to ``document`` in place; return the operation that undoes it. */
function apply(document, operation) {
  const path = operation.path.slice();
  if (operation.op === "move") return move(document, path, operation.to.slice());
  const [parent, key] = parentOf(document, path, operation.op === "set");
  if (operation.op === "insert") {
    const items = asList(parent, path);
    if (!isIndex(key) || key > items.length) throw new OperationError(`${renderPath(path)}: insert at an index from 0 to ${items.length}`);
    items.splice(key, 0, clone(operation.value));
    return { op: "delete", path };
  }
  const old = getChild(parent, key, path);
  if (operation.op === "delete") {
    if (old === MISSING || parent.stepsOf) throw new OperationError(`nothing to remove at ${renderPath(path)}`);
    if (!Array.isArray(parent)) { delete parent[key]; return { op: "set", path, value: old }; }
    const index = indexOf(parent, key);
    parent.splice(index, 1);
    return { op: "insert", path: path.slice(0, -1).concat([index]), value: old };
  }
  if (parent.stepsOf) throw new OperationError("replace a step through its stage: stages/STAGE_ID/steps/STEP_ID");
  if (Array.isArray(parent)) {
    const index = indexOf(parent, key);
    if (index < 0) throw new OperationError(`nothing at ${renderPath(path)}`);
    parent[index] = clone(operation.value);
  } else {
    parent[key] = clone(operation.value);
  }
  return old === MISSING ? { op: "delete", path } : { op: "set", path, value: old };
}

function move(document, path, to) {
  const [source, key] = parentOf(document, path, false);
  const items = asList(source, path);
  const index = indexOf(items, key);
  if (index < 0) throw new OperationError(`nothing to move at ${renderPath(path)}`);
  const [target, position] = parentOf(document, to, false);
  const destination = asList(target, to);
  const [item] = items.splice(index, 1);
  if (!isIndex(position) || position > destination.length) {
    items.splice(index, 0, item);
    throw new OperationError(`${renderPath(to)}: move to an index from 0 to ${destination.length}`);
  }
  destination.splice(position, 0, item);
  return { op: "move", path: to.slice(0, -1).concat([position]), to: path.slice(0, -1).concat([index]) };
}

/** Return a copy of ``document`` with ``operations`` applied; those that no longer fit are skipped. */
function applyAll(document, operations) {
  const result = clone(document);
  for (const operation of operations) {
    try { apply(result, operation); } catch (error) { if (!(error instanceof OperationError)) throw error; }
  }
  return result;
}

/* ---------- transforming ---------- */

function listEffect(applied) {
  const path = applied.path;
  const last = path[path.length - 1];
  if (applied.op === "insert" && isIndex(last)) return [["insert", path.slice(0, -1), last]];
  if (applied.op === "delete" && isIndex(last)) return [["delete", path.slice(0, -1), last]];
  if (applied.op === "move" && isIndex(last) && isIndex(applied.to[applied.to.length - 1])) {
    return [["delete", path.slice(0, -1), last], ["insert", applied.to.slice(0, -1), applied.to[applied.to.length - 1]]];
  }
  return [];
}

function shifted(path, kind, items, index, inserting, appliedFirst) {
  const depth = items.length;
  if (path.length <= depth || !isPrefix(items, path) || !isIndex(path[depth])) return path;
  const at = path[depth];
  const place = inserting && path.length === depth + 1;
  const at1 = (value) => path.slice(0, depth).concat([value], path.slice(depth + 1));
  if (kind === "insert") return at > index || (at === index && (appliedFirst || !place)) ? at1(at + 1) : path;
  if (at > index) return at1(at - 1);
  if (at === index && !place) return null;
  return path;
}

function insideMoved(path, applied, inserting) {
  const source = applied.path;
  return isIndex(source[source.length - 1]) && isPrefix(source, path) && !(inserting && path.length === source.length);
}

function movedPath(path, applied, inserting, appliedFirst) {
  if (applied.op === "move" && insideMoved(path, applied, inserting)) return applied.to.concat(path.slice(applied.path.length));
  for (const [kind, items, index] of listEffect(applied)) {
    path = shifted(path, kind, items, index, inserting, appliedFirst);
    if (path === null) return null;
  }
  if ((applied.op === "set" || applied.op === "delete") && strictlyInside(applied.path, path)) return null;
  return path;
}

/** Return ``operation`` changed to apply after ``applied`` (made at the same time), or null if it no longer can. */
function transform(operation, applied, appliedFirst = true) {
  if (!appliedFirst && operation.op === "set" && applied.op === "set" && samePath(operation.path, applied.path)) return null;
  const path = movedPath(operation.path.slice(), applied, operation.op === "insert", appliedFirst);
  if (path === null) return null;
  const result = Object.assign({}, operation, { path });
  if (operation.op === "move") {
    const to = movedPath(operation.to.slice(), applied, true, appliedFirst);
    if (to === null) return { op: "delete", path }; /* the place it went is gone: the item still leaves its list */
    result.to = to;
  }
  return result;
}

/** Return ``operations`` (made one after another) changed to apply after ``applied``, dropping those that cannot. */
function transformAll(operations, applied, appliedFirst = true) {
  let result = operations.slice();
  for (const other of applied) {
    const moved = [];
    let current = other;
    for (const operation of result) {
      if (current === null) { moved.push(operation); continue; }
      const changed = transform(operation, current, appliedFirst);
      if (changed !== null) moved.push(changed);
      current = transform(current, operation, !appliedFirst);
    }
    result = moved;
  }
  return result;
}

/* ---------- diffing ---------- */

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const equal = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function hasIds(items) {
  const ids = items.map((item) => (isObject(item) ? item.id : undefined));
  return ids.every((id) => typeof id === "string") && new Set(ids).size === ids.length;
}

function diffValue(old, now, path) {
  if (isObject(old) && isObject(now)) return diffObject(old, now, path);
  if (Array.isArray(old) && Array.isArray(now)) return diffList(old, now, path);
  return equal(old, now) ? [] : [{ op: "set", path, value: clone(now) }];
}

function diffObject(old, now, path) {
  const operations = [];
  for (const key of Object.keys(old)) if (!(key in now) || now[key] === undefined) operations.push({ op: "delete", path: path.concat([key]) });
  for (const [key, value] of Object.entries(now)) {
    if (value === undefined) continue;
    if (!(key in old)) operations.push({ op: "set", path: path.concat([key]), value: clone(value) });
    else operations.push(...diffValue(old[key], value, path.concat([key])));
  }
  return operations;
}

function diffList(old, now, path) {
  if ((old.length || now.length) && hasIds(old) && hasIds(now)) return diffItems(old, now, path);
  return diffPositions(old, now, path);
}

function itemPath(path, id) {
  return path.length === 3 && path[0] === "stages" && path[2] === "steps" ? ["steps", id] : path.concat([id]);
}

function diffItems(old, now, path) {
  const operations = [];
  const wanted = new Set(now.map((item) => item.id));
  for (let index = old.length - 1; index >= 0; index -= 1) {
    if (!wanted.has(old[index].id)) { operations.push({ op: "delete", path: path.concat([index]) }); old.splice(index, 1); }
  }
  now.forEach((item, target) => {
    const current = old.findIndex((present) => present.id === item.id);
    if (current < 0) {
      operations.push({ op: "insert", path: path.concat([target]), value: clone(item) });
      old.splice(target, 0, clone(item));
      return;
    }
    if (current !== target) {
      operations.push({ op: "move", path: path.concat([current]), to: path.concat([target]) });
      old.splice(target, 0, old.splice(current, 1)[0]);
    }
    operations.push(...diffValue(old[target], item, itemPath(path, item.id)));
  });
  return operations;
}

function diffPositions(old, now, path) {
  let start = 0;
  while (start < Math.min(old.length, now.length) && equal(old[start], now[start])) start += 1;
  let end = 0;
  while (end < Math.min(old.length, now.length) - start && equal(old[old.length - 1 - end], now[now.length - 1 - end])) end += 1;
  const oldMiddle = old.length - start - end;
  const newMiddle = now.length - start - end;
  if (oldMiddle === newMiddle) {
    const operations = [];
    for (let offset = 0; offset < oldMiddle; offset += 1) operations.push(...diffValue(old[start + offset], now[start + offset], path.concat([start + offset])));
    return operations;
  }
  const removed = [];
  for (let offset = oldMiddle - 1; offset >= 0; offset -= 1) removed.push({ op: "delete", path: path.concat([start + offset]) });
  const added = [];
  for (let offset = 0; offset < newMiddle; offset += 1) added.push({ op: "insert", path: path.concat([start + offset]), value: clone(now[start + offset]) });
  return removed.concat(added);
}

function stepMoves(working, now) {
  const wanted = new Map();
  for (const stage of now.stages || []) for (const step of stage.steps || []) if (step) wanted.set(step.id, stage.id);
  const stageIds = new Set((working.stages || []).map((stage) => stage.id));
  const operations = [];
  for (const stage of (working.stages || []).slice()) {
    for (const step of (stage.steps || []).slice()) {
      const target = wanted.get(step.id);
      if (target === undefined || target === stage.id || !stageIds.has(target)) continue;
      const operation = { op: "move", path: ["stages", stage.id, "steps", stage.steps.indexOf(step)], to: ["stages", target, "steps", 0] };
      const destination = working.stages.find((item) => item.id === target);
      destination.steps = destination.steps || [];
      operations.push(operation);
      apply(working, operation);
    }
  }
  return operations;
}

/** Return the operations that turn ``old`` into ``now``: small ones (a field, a card), never the whole map. */
function diff(old, now) {
  const working = clone(old);
  const operations = stepMoves(working, now);
  return operations.concat(diffValue(working, now, []));
}

export { apply, applyAll, transform, transformAll, diff, renderPath, clone, OperationError };
