"""Stale Bitcoin blocks: real data on how often honest miners' blocks lose a race.

Nakamoto's double-spend model (notebook 11, :mod:`coordlab.models.consensus`) assumes
no network delay: a block, once found, reaches every miner before the next one is
found. When it does not, two honest blocks compete at one height and one of them
becomes *stale*. The share of stale blocks measures how far the assumption is off,
and how often the ties that selfish mining exploits (its ``gamma``) happen on their own.

The data are four windows sampled from the dataset ``bitcoin-data/stale-blocks``
(``stale-blocks.csv``, one row per stale block observed by the contributors' nodes,
with its height and, where known, its 80-byte header), read at commit
``025197ec104bc25554784a68a17072d239bc4540`` (2026). The dataset's data are dedicated to
the public domain (CC0 1.0; its code is MIT-licensed); cite it as "bitcoin-data/stale-blocks:
Dataset of stale headers and blocks observed on the Bitcoin network",
https://doi.org/10.5281/zenodo.22667157. Each window is a run of consecutive rows of
the file (every stale block listed between its first and last height); the dates come
from the ``time`` field of the headers at the window's two ends (bytes 68-71 of the
header, little-endian Unix time).

Limits: the dataset holds what its contributors' nodes saw, so early years may be
under-counted; a branch several blocks long counts each of its blocks; a rate over
a window of a few months is a sample, not a yearly average.

>>> [round(1000 * w.rate, 1) for w in WINDOWS]                # stale blocks per 1,000 blocks
[8.0, 10.3, 9.8, 1.5]
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

__all__ = ["StaleWindow", "WINDOWS", "SOURCE"]

SOURCE = (
    "bitcoin-data/stale-blocks, stale-blocks.csv at commit 025197ec104bc25554784a68a17072d239bc4540; "
    "data CC0 1.0; https://doi.org/10.5281/zenodo.22667157"
)


def _unix(time_field_hex: str) -> int:
    """A header's ``time`` field (8 hex characters, little-endian) as a Unix time."""
    return int.from_bytes(bytes.fromhex(time_field_hex), "little")


@dataclass(frozen=True)
class StaleWindow:
    """A run of consecutive rows of the dataset.

    Attributes
    ----------
    label : str
    heights : tuple of int
        The heights of the stale blocks listed in the window, newest first (as in the file).
    newest_time, oldest_time : str
        The ``time`` fields (8 hex characters, as in the headers) of the newest and oldest rows in
        the window that carry a full header.
    """

    label: str
    heights: tuple
    newest_time: str
    oldest_time: str

    @property
    def count(self) -> int:
        """Stale blocks in the window."""
        return len(self.heights)

    @property
    def blocks(self) -> int:
        """Main-chain heights the window spans (from its lowest to its highest stale block)."""
        return max(self.heights) - min(self.heights) + 1

    @property
    def rate(self) -> float:
        """Stale blocks per main-chain block over the window."""
        return self.count / self.blocks

    @property
    def dates(self) -> tuple:
        """The window's first and last dates (UTC), from its headers."""
        return tuple(
            datetime.datetime.fromtimestamp(_unix(t), datetime.UTC).date() for t in (self.oldest_time, self.newest_time)
        )


WINDOWS = (
    StaleWindow(
        "Dec 2011 to Feb 2012",
        (
            165333,
            165264,
            165242,
            165180,
            165113,
            165105,
            165096,
            165066,
            165045,
            164959,
            164752,
            164604,
            164414,
            164270,
            164267,
            164147,
            164115,
            164098,
            164071,
            164032,
            163932,
            163751,
            163724,
            163693,
            163620,
            163609,
            163462,
            163360,
            163330,
            163327,
            163326,
            163226,
            163132,
            163060,
            162831,
            162804,
            162752,
            162580,
            162324,
            162189,
            162184,
            162129,
            162012,
            161924,
            161910,
            161880,
            161771,
            161761,
            161673,
            161669,
            161324,
            161233,
            160948,
            160732,
            160696,
            160574,
            160453,
            160374,
            160330,
            159741,
            159651,
            159393,
            157929,
            157679,
            157644,
            157357,
            156940,
            156818,
        ),
        "33402d4f",
        "ce66e34e",
    ),
    StaleWindow(
        "Feb to Apr 2013",
        (
            229333,
            229314,
            229276,
            229221,
            229076,
            228955,
            228837,
            228798,
            228757,
            228615,
            228555,
            228508,
            228491,
            228453,
            228415,
            228413,
            228351,
            228312,
            228258,
            228240,
            228239,
            228008,
            228007,
            228006,
            227996,
            227881,
            227488,
            227352,
            227032,
            226776,
            226752,
            226589,
            226070,
            226013,
            225830,
            225654,
            225460,
            225459,
            225454,
            225447,
            225442,
            225437,
            225436,
            225431,
            225430,
            225400,
            225387,
            225200,
            225099,
            224878,
            224746,
            224559,
            224427,
            224205,
            224195,
            224190,
            224152,
            224040,
            224002,
            223982,
            223920,
            223806,
            223372,
            223305,
            223291,
            223157,
            223066,
            222932,
            222611,
            222468,
            222455,
            222316,
            222219,
            222150,
            221996,
            221954,
            221924,
            221749,
            221721,
            221710,
            221605,
            221520,
            221266,
            221075,
            221063,
            221047,
            220908,
        ),
        "970e5b51",
        "98261c51",
    ),
    StaleWindow(
        "Feb to Apr 2015",
        (
            353345,
            353339,
            353327,
            353311,
            353214,
            353141,
            353129,
            353071,
            353014,
            352948,
            352802,
            352592,
            352578,
            352560,
            352548,
            352514,
            352402,
            352376,
            352090,
            352025,
            351996,
            351986,
            351564,
            351446,
            351328,
            351275,
            351255,
            351124,
            351057,
            351019,
            350994,
            350853,
            350794,
            350419,
            350391,
            350278,
            350081,
            350040,
            349844,
            349715,
            349381,
            349299,
            349073,
            349012,
            348883,
            348877,
            348708,
            348358,
            348323,
            348322,
            348267,
            347999,
            347915,
            347731,
            347621,
            347588,
            347508,
            347445,
            347295,
            347210,
            347167,
            347110,
            346851,
            346572,
            346397,
            346331,
            346319,
            346310,
            346279,
            345882,
            345848,
            345810,
            345711,
            345700,
            345603,
            345455,
            345354,
            345334,
            345292,
        ),
        "3f8f3855",
        "c1d7ef54",
    ),
    StaleWindow(
        "Oct 2025 to Sep 2026",
        (
            966500,
            964181,
            963853,
            963828,
            963787,
            963105,
            962722,
            962439,
            961639,
            961638,
            961637,
            961636,
            961635,
            961634,
            961633,
            961632,
            961324,
            960761,
            959137,
            956337,
            955546,
            951052,
            950517,
            949204,
            949203,
            947985,
            947053,
            946470,
            946239,
            945952,
            945189,
            945119,
            944852,
            941882,
            941881,
            941619,
            939832,
            939150,
            938873,
            937404,
            936988,
            936328,
            935976,
            935497,
            934425,
            933995,
            932137,
            931519,
            930745,
            929872,
            929868,
            929640,
            929622,
            928484,
            928455,
            928222,
            927647,
            927487,
            926981,
            926056,
            925605,
            925470,
            925051,
            923067,
            922047,
            921987,
            921261,
            920853,
            920212,
        ),
        "77e7a36a",
        "b7e1fd68",
    ),
)
