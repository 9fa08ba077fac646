import datetime

from sendboard.casework.models import Snapshot


def test_a_snapshot_is_named_by_its_date_as_people_write_it():
    snapshot = Snapshot(kind=Snapshot.Kind.SEN2, as_at=datetime.date(2026, 12, 1))

    assert str(snapshot).endswith("as at 1 December 2026")
