"""What exporters and reports share: the export call, report views, templates and the build.

Offers :mod:`.exporting` (``Exporter``, ``export``, ``export_to_file``), :mod:`.reporting`
(the views reports are drawn from), :mod:`.templating` (the Jinja2 environments, HTML
autoescaped) and :mod:`.building` (``build()``, the folder ``palaset build`` writes).
"""
