"""The Qt-free geometry of the timeline view: events, lanes, rows, ticks, labels, navigation.

Nothing here draws; it says *what* to draw where (see :mod:`.frame`), so the screen and the
printed page share it. See :class:`~timeline_app.core.timeline.scene.TimelineScene`.
"""

from timeline_app.core.timeline.frame import Frame, FrameRequest, Selection
from timeline_app.core.timeline.index import EventIndex, load_index
from timeline_app.core.timeline.lanes import Lane, LaneGrouping
from timeline_app.core.timeline.scene import EventBox, TimelineScene
from timeline_app.core.timeline.viewport import TimeWindow

__all__ = [
    "EventBox",
    "EventIndex",
    "Frame",
    "FrameRequest",
    "Lane",
    "LaneGrouping",
    "Selection",
    "TimeWindow",
    "TimelineScene",
    "load_index",
]
