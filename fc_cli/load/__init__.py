"""Reading YAML: the only sub-package that imports ruamel.yaml.

A centre or pack file is read into plain Python (dict, list, str, int, float, bool, date, None)
together with a :class:`SourceMap` that turns a key path into a position. Every way a file can be
broken ends in one :class:`~fc_cli.errors.YamlError` with a position and a message that says what
to do (:mod:`.messages`). An ordinary file is read by libyaml's C parser (:mod:`.fast`); the
round-trip parser (:mod:`.round_trip`) reads the rest, and any file the first time a position is
asked for.
"""

from .limits import PLACEHOLDER
from .source_map import LoadedYaml, SourceMap
from .yaml_file import load_yaml_file, load_yaml_text

__all__ = ["PLACEHOLDER", "LoadedYaml", "SourceMap", "load_yaml_file", "load_yaml_text"]
