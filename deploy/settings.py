"""The production Streamlit settings as command-line flags.

Streamlit reads, from weakest to strongest: its defaults, ``~/.streamlit/config.toml``,
``.streamlit/config.toml`` in the working directory, ``STREAMLIT_*`` variables and ``--section.key``
flags. Passing the production file as flags makes it win over everything else, while the public
file (theme, page options) still applies for the keys production does not mention.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

PRODUCTION_TOML = Path(__file__).resolve().parent / "streamlit-production.toml"
STAFF_TOML = Path(__file__).resolve().parent / "streamlit-staff.toml"


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return str(value)
    raise TypeError(f"cannot pass {value!r} as a Streamlit flag")


def flags_from_mapping(settings: dict) -> list[str]:
    """``--section.key value`` pairs for every key of a parsed Streamlit TOML file.

    Parameters
    ----------
    settings
        The parsed file: ``{"server": {"port": 8501, ...}, ...}``.

    Returns
    -------
    list of str
        Flags in file order; a list value becomes the same flag repeated once per item.

    Raises
    ------
    ValueError
        For an empty list: Streamlit drops an option given no values and keeps the previous one,
        so the file would silently not apply.
    """
    flags: list[str] = []
    for section, options in settings.items():
        if not isinstance(options, dict):
            raise ValueError(f"top-level key {section!r} is not a [section]")
        for key, value in options.items():
            name = f"--{section}.{key}"
            if isinstance(value, dict):
                raise ValueError(f"{section}.{key}: nested tables cannot be passed as flags")
            if isinstance(value, list):
                if not value:
                    raise ValueError(f"{section}.{key} = []: an empty list cannot be passed as a flag")
                for item in value:
                    flags += [name, _text(item)]
            else:
                flags += [name, _text(value)]
    return flags


def production_settings(path: Path = PRODUCTION_TOML) -> dict:
    """The parsed production file."""
    with path.open("rb") as fh:
        return tomllib.load(fh)


def production_flags(path: Path = PRODUCTION_TOML) -> list[str]:
    """The production file as Streamlit flags (see :func:`flags_from_mapping`)."""
    return flags_from_mapping(production_settings(path))


def staff_flags(production: Path = PRODUCTION_TOML, staff: Path = STAFF_TOML) -> list[str]:
    """Flags of the staff app: the production file with the staff file's keys replacing its own."""
    merged = production_settings(production)
    for section, options in production_settings(staff).items():
        merged.setdefault(section, {}).update(options)
    return flags_from_mapping(merged)
