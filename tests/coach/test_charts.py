"""The progress chart is a valid PNG of the right size, whatever the series."""

import struct
import zlib
from datetime import date, timedelta

import pytest

from coach.charts import HEIGHT_PX, WIDTH_PX, progress_chart
from coach.progress import CheckIn, DayPoint
from coach.protocol import Phase

MONDAY = date(2026, 3, 2)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_chunks(data: bytes):
    """(type, body) of each chunk, checking every CRC."""
    assert data[:8] == PNG_SIGNATURE
    offset = 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind, body = data[offset + 4 : offset + 8], data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert zlib.crc32(kind + body) == crc
        yield kind, body
        offset += 12 + length


def decode(data: bytes) -> tuple[int, int]:
    """Width and height from IHDR, after checking the chunks and inflating the image data."""
    chunks = list(png_chunks(data))
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height = struct.unpack(">II", chunks[0][1][:8])
    pixels = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    assert len(pixels) > height * width  # at least one byte per pixel, plus filter bytes
    return width, height


def fortnight() -> list[DayPoint]:
    phases = [Phase.COLD] * 2 + [Phase.HEAT] * 4 + [Phase.MOIST_HEAT] * 3 + [Phase.CONTRAST] * 3 + [Phase.COLD] * 2
    pains = [8, 7, None, 6, 6, 5, None, 5, 4, 4, 3, None, 3, 2]
    return [
        DayPoint(MONDAY + timedelta(days=i), pain, CheckIn.MISSED if pain is None else CheckIn.ANSWERED, phase)
        for i, (pain, phase) in enumerate(zip(pains, phases, strict=True))
    ]


@pytest.mark.parametrize(
    "days",
    [[], [DayPoint(MONDAY, 6, CheckIn.ANSWERED, Phase.COLD)], fortnight(), [DayPoint(MONDAY, None, CheckIn.MISSED)]],
    ids=["empty", "one-day", "fourteen-days", "one-missed-day-no-phase"],
)
def test_a_valid_png_of_the_set_size(days):
    data = progress_chart(days, title="Anna's pain from day to day")
    assert decode(data) == (WIDTH_PX, HEIGHT_PX)
    assert len(data) < 100_000


def test_decodes_with_matplotlib_too():
    import io

    from matplotlib.image import imread

    image = imread(io.BytesIO(progress_chart(fortnight())), format="png")
    assert image.shape[:2] == (HEIGHT_PX, WIDTH_PX)
    assert image[..., :3].std() > 0  # not a blank image


def test_a_long_episode_still_draws():
    days = [DayPoint(MONDAY + timedelta(days=i), i % 11, CheckIn.ANSWERED, Phase.HEAT) for i in range(90)]
    assert decode(progress_chart(days)) == (WIDTH_PX, HEIGHT_PX)
