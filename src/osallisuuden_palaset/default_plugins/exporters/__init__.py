"""The built-in export formats, one small module each: copy one to add a format."""
