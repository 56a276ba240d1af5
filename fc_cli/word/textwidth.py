"""How wide a text is set in Calibri: column widths from the content, aligned signature lines.

fc's own layout sets text in Calibri (Carlito, metric-compatible, where Calibri is not installed).
The advance widths below are Carlito's (Regular and Bold; read from the font files' hmtx tables,
in thousandths of an em). Characters not listed count as a wide letter, so an unusual text is
measured too wide rather than too narrow. No font library is needed at render time.
"""

from __future__ import annotations

from functools import lru_cache

_CHARS = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ÅÄÖåäöÉéÜüÆæØøÁáÈèÍíÓóÚúÑñ–—’‘”“…§½€°×·•'
_REGULAR = """
    226 325 400 498 506 714 682 220 303 303 498 498 249 306 252 386 506 506 506 506 506 506
    506 506 506 506 267 267 498 498 498 463 894 578 543 533 615 488 459 630 623 251 318 519
    420 854 645 662 516 672 542 459 487 641 567 889 519 487 468 306 386 306 498 498 291 479
    525 422 525 497 305 470 525 229 239 454 229 798 525 527 525 525 348 391 334 525 451 714
    433 452 395 314 460 314 498 578 578 662 479 479 527 488 497 641 525 763 772 663 529 578
    479 488 497 251 229 662 527 641 525 645 525 498 905 249 249 418 418 690 498 671 506 338
    498 252 498
"""
_BOLD = """
    226 325 438 498 506 729 704 233 311 311 498 498 257 306 267 429 506 506 506 506 506 506
    506 506 506 506 275 275 498 498 498 463 898 605 560 529 630 487 458 637 630 266 331 546
    422 874 658 676 532 686 562 472 495 652 591 906 550 519 478 324 429 324 498 498 300 493
    536 418 536 503 316 474 536 245 255 479 245 813 536 537 536 536 355 398 346 536 473 745
    459 473 397 343 475 343 498 605 605 676 493 493 537 487 503 652 536 775 774 680 543 605
    493 487 503 266 245 676 537 652 536 658 536 498 905 257 257 435 435 711 498 690 506 342
    498 267 498
"""
_UNKNOWN = 660  # about the width of "O": unknown characters are never measured narrow

_WIDTHS = {
    False: dict(zip(_CHARS, map(int, _REGULAR.split()), strict=True)),
    True: dict(zip(_CHARS, map(int, _BOLD.split()), strict=True)),
}


@lru_cache(maxsize=4096)  # the words of a county's tables repeat
def text_width(text: str, size_pt: float = 11, bold: bool = False) -> int:
    """The width of *text* on one line, in twips (1/20 pt)."""
    widths = _WIDTHS[bold]
    thousandths = sum(widths.get(ch, _UNKNOWN) for ch in text)
    return -(-int(thousandths * size_pt * 20) // 1000)


@lru_cache(maxsize=4096)  # a county's tables repeat their texts
def measure(text: str, bold: bool = False) -> tuple[int, int]:
    """(the widest word, the whole text on one line with single spaces) of 11 pt *text*, in twips."""
    words = [text_width(word, 11, bold) for word in text.split()]
    if not words:
        return 0, 0
    return max(words), sum(words) + (len(words) - 1) * text_width(" ", 11, bold)
