"""Maps, revisions, comments, uploads and runs in the store."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from journeymap.errors import MapValidationError, NotFound, UploadTooLarge, VersionConflict
from journeymap.model import Journey
from journeymap.store import (
    Revision,
    Store,
    Upload,
    add_map,
    add_user,
    add_workspace,
    comments,
    get_map,
    journey_of,
    list_maps,
    live,
    runs,
    save_map,
    sources,
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    created = Store(f"sqlite:///{tmp_path}/team.db", data_dir=tmp_path / "data")
    created.upgrade()
    yield created
    created.close()


@pytest.fixture
def ana(store: Store):
    with store.writing() as session:
        user, _ = add_user(session, "ana", "a long password")
        workspace = add_workspace(session, "Team", user)
    return user, workspace.id


def shop(**changes) -> Journey:
    return Journey.model_validate({"id": "shop", "title": "Shop", "stages": [{"name": "Buy", "steps": [{"name": "Pays"}]}], **changes})


def test_a_save_based_on_an_old_version_is_refused_and_keeps_the_winner(store: Store, ana):
    user, workspace = ana
    with store.writing() as session:
        record = add_map(session, workspace, shop(), author=user)
    with store.writing() as session:
        save_map(session, record.id, shop(title="First"), based_on=1, author=user)
    with pytest.raises(VersionConflict) as conflict, store.writing() as session:
        save_map(session, record.id, shop(title="Second"), based_on=1, author=user)
    assert conflict.value.current == 2
    with store.reading() as session:
        stored = get_map(session, record.id)
        assert (stored.version, stored.title, journey_of(stored.document).version) == (2, "First", 2)


def test_threads_saving_the_same_version_let_exactly_one_win(store: Store, ana):
    user, workspace = ana
    with store.writing() as session:
        record = add_map(session, workspace, shop(), author=user)
    outcomes: list[str] = []

    def save(title: str) -> None:
        try:
            with store.writing() as session:
                save_map(session, record.id, shop(title=title), based_on=1, author=user)
            outcomes.append("saved")
        except VersionConflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(f"T{n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict"] * 7 + ["saved"]


def test_an_invalid_document_names_its_field(store: Store):
    with pytest.raises(MapValidationError) as error:
        journey_of({"title": "Shop", "stages": [{"name": "Buy", "steps": [{"name": "Pays", "emotion": {"actual": 7}}]}]})
    assert error.value.field == "stages[0].steps[0].emotion.actual"


def test_listing_uses_the_indexed_columns(store: Store, ana):
    user, workspace = ana
    with store.writing() as session:
        add_map(session, workspace, shop(tags=["b2c"]), author=user)
        add_map(session, workspace, Journey(title="Onboarding", kind="ujm", state="future"), author=user)
    with store.reading() as session:
        assert [found.title for found in list_maps(session, [workspace], state="future")] == ["Onboarding"]
        assert [found.title for found in list_maps(session, [workspace], tag="b2c")] == ["Shop"]
        assert list_maps(session, [workspace + 1]) == []


def test_a_reply_joins_its_thread_and_resolving_it_resolves_the_thread(store: Store, ana):
    user, workspace = ana
    with store.writing() as session:
        record = add_map(session, workspace, shop(), author=user)
        thread = comments.add_comment(session, record.id, user, "Why?", step="pays")
        reply = comments.add_comment(session, record.id, user, "Because", parent=thread.id)
        comments.resolve(session, record.id, reply.id, user)
        assert (reply.step_id, thread.resolved_by) == ("pays", user.id)
        with pytest.raises(NotFound):
            comments.resolve(session, "other", thread.id, user)


def test_an_upload_keeps_size_and_checksum_and_drops_everything_past_the_limit(store: Store, ana, tmp_path: Path):
    user, workspace = ana
    upload = Upload(store.data_dir, limit=10)
    upload.write(b"12345")
    upload.write(b"67890")
    upload.finish()
    with store.writing() as session:
        source = sources.add_source(session, workspace, upload, name="e.csv", content_type="text/csv", author=user)
        assert (source.size, source.sha256) == (10, hashlib.sha256(b"1234567890").hexdigest())
        assert sources.source_path(store.data_dir, source).read_bytes() == b"1234567890"
    too_big = Upload(store.data_dir, limit=10)
    too_big.write(b"123456")
    with pytest.raises(UploadTooLarge):
        too_big.write(b"78901")
    assert sorted(path.name for path in (store.data_dir / "sources").iterdir()) == [upload.name]


def test_runs_left_unfinished_by_a_stopped_server_are_marked_failed(store: Store, ana):
    user, workspace = ana
    with store.writing() as session:
        record = add_map(session, workspace, shop(), author=user)
        run = runs.add_run(session, record.id, "validate", {"x": 1}, author=user)
        runs.set_progress(session, run.id, 0.4, "halfway")
    with store.writing() as session:
        assert runs.fail_unfinished(session) == 1
    with store.reading() as session:
        stored = runs.get_run(session, run.id)
        assert (stored.status, stored.progress, stored.params) == ("failed", 0.4, {"x": 1})


def test_live_batches_in_a_burst_fold_into_one_revision_that_holds_the_map_as_the_last_batch_left_it(store: Store, ana):
    user, workspace = ana
    with store.writing() as session:
        ed, _ = add_user(session, "ed", "another long password")
        map_id = add_map(session, workspace, shop(), author=user).id
    typed = [(user, "Pays by card"), (ed, "Pays by card online"), (user, "Pays online")]
    for seq, (author, name) in enumerate(typed, start=1):
        with store.writing() as session:
            live.apply_batch(session, map_id, [{"op": "set", "path": ["steps", "pays", "name"], "value": name}], base=seq, author=author, client=author.username, batch=str(seq))
    with store.writing() as session:
        live.apply_batch(session, map_id, [{"op": "set", "path": ["title"], "value": "Toy shop"}], base=4, author=ed, client="analysis", batch="1", message="Analysis")
    with store.reading() as session:
        record = get_map(session, map_id)
        revisions = [(row.version, row.document["title"], row.document["stages"][0]["steps"][0]["name"], row.document["version"], row.contributors) for row in session.scalars(select(Revision).where(Revision.map_id == map_id).order_by(Revision.version))]
        stored = (record.seq, record.version, record.document["title"], record.document["stages"][0]["steps"][0]["name"], record.document["version"])
    assert revisions == [(1, "Shop", "Pays", 1, ""), (2, "Shop", "Pays online", 2, f",{user.id},{ed.id},"), (3, "Toy shop", "Pays online", 3, "")]
    assert stored == (5, 3, "Toy shop", "Pays online", 3)


@pytest.mark.parametrize(
    ("operation", "accepted"),
    [
        ({"op": "set", "path": ["steps", "pays", "description"], "value": "By card"}, True),
        ({"op": "insert", "path": ["steps", "pays", "ideas", 0], "value": "Apple Pay"}, True),
        ({"op": "set", "path": ["steps", "pays", "name"], "value": ""}, False),
        ({"op": "insert", "path": ["steps", "pays", "ideas", 0], "value": {"text": "Apple Pay"}}, False),
        ({"op": "set", "path": ["steps", "pays", "description"], "value": 3}, False),
        ({"op": "set", "path": ["steps", "pays", "emotion"], "value": {"actual": 9}}, False),
        ({"op": "set", "path": ["steps", "pays", "id"], "value": "no spaces"}, False),
    ],
)
def test_a_live_batch_is_kept_only_when_the_map_stays_valid(store: Store, ana, operation, accepted):
    user, workspace = ana
    with store.writing() as session:
        map_id = add_map(session, workspace, Journey.model_validate({"id": "shop", "title": "Shop", "stages": [{"id": "buy", "name": "Buy", "steps": [{"name": "Pays", "ideas": ["Cash"]}]}]}), author=user).id
    try:
        with store.writing() as session:
            live.apply_batch(session, map_id, [operation], base=1, author=user, client="page", batch="1")
    except MapValidationError:
        assert not accepted
    else:
        assert accepted
    with store.reading() as session:
        stored = get_map(session, map_id)
        assert journey_of(stored.document) and stored.seq == (2 if accepted else 1)
