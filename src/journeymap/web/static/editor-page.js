/* The editor page: its modules, in the order their rows and panels appear (each adds itself to the editor as it loads).

Every module imports what it uses; none reads a global. The one global below is for tests and debugging only. */
import { api, plural } from "./app.js";
import { editor } from "./editor.js";
import { live } from "./live.js";
import "./curve.js";
import "./fields.js";
import "./arrows.js";
import "./zoom.js";
import "./badges.js";
import "./comments.js";
import "./runs.js";
import "./personas.js";
import "./panels.js";
import "./ideas.js";
import "./binding.js";
import "./voices.js";
import "./details.js";
import "./structure.js";
import "./links.js";
import "./research.js";

/**
 * Test and debug hook: the browser tests (tests/browser) and a person at the console reach the page's state here,
 * e.g. ``window.journeymap.editor.state.doc`` or ``window.journeymap.live.pending()``. No module of the page reads it.
 */
window.journeymap = Object.freeze({ api, plural, editor, live });
