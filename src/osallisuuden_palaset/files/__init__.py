"""Files ⇄ model: reading with positions, the shape check, the one converter, writing, schema.

Offers, by module: :mod:`.loading` (``load_workspace``, ``load_document``, ``loads``,
``load_framework``, ``Workspace``, ``Document``), :mod:`.finding` (which files a folder
holds, and what is skipped), :mod:`.reading` (YAML and JSON with the position of every
value; ``read_file``), :mod:`.shape` and :mod:`.document` (the shape check of a file),
:mod:`.converting` (the one cattrs converter), :mod:`.writing` (``dump_yaml``, ``dump_json``,
``write_model``), :mod:`.schema` (the JSON Schema), :mod:`.atomicfile` (writes that never
leave half a file), :mod:`.siblings` (the files a model refers to), :mod:`.input_guard` and
:mod:`.folder_lock` (never overwrite an input, one build per folder).
"""
