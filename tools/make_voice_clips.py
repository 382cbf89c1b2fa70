"""Make the bundled voice clips (resources/sounds/voice/*.wav) from outlet_desk.voice.CLIP_WORDS.

Needs espeak-ng and sox (Debian: ``apt-get install espeak-ng sox``) only here, never at run time.
Each word is spoken by espeak-ng's Mandarin voice (cmn; Latin letters are said in English), then
sox makes it mono 16-bit PCM at 11025 Hz, cuts the silence at both ends, speeds it up 1.45× (pitch
kept) and normalises it to -1 dBFS.  The whole set stays about 300 KB.

    python tools/make_voice_clips.py            # (re)write every clip
    python tools/make_voice_clips.py --check    # exit 1 if a clip is missing or one is left over
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from outlet_desk.voice import CLIP_WORDS  # noqa: E402

OUT = ROOT / "resources" / "sounds" / "voice"
ESPEAK = ["espeak-ng", "-v", "cmn", "-s", "175", "-a", "150"]
SOX_EFFECTS = ["silence", "1", "0.01", "1%", "reverse", "silence", "1", "0.01", "1%", "reverse",
               "tempo", "-s", "1.45", "gain", "-n", "-1"]


def make(name: str, words: str, tmp: Path) -> Path:
    raw = tmp / f"{name}.raw.wav"
    subprocess.run(ESPEAK + ["-w", str(raw), words], check=True)
    out = OUT / f"{name}.wav"
    subprocess.run(["sox", "-V1", str(raw), "-r", "11025", "-c", "1", "-b", "16", str(out)]
                   + SOX_EFFECTS, check=True)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    have = {p.stem for p in OUT.glob("*.wav")}
    if args.check:
        missing, extra = set(CLIP_WORDS) - have, have - set(CLIP_WORDS)
        for n in sorted(missing):
            print(f"missing: {n}.wav")
        for n in sorted(extra):
            print(f"not used: {n}.wav")
        return 1 if missing or extra else 0
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            print(f"{tool} is needed to make the clips (apt-get install espeak-ng sox)")
            return 2
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in have - set(CLIP_WORDS):
        (OUT / f"{stale}.wav").unlink()
    with tempfile.TemporaryDirectory() as tmp:
        total = sum(make(name, words, Path(tmp)).stat().st_size
                    for name, words in CLIP_WORDS.items())
    print(f"{len(CLIP_WORDS)} clips, {total // 1024} KB in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
