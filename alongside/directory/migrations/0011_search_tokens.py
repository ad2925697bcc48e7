"""Categories and map cells in the full-text index (``tokens.py``): on SQLite the index is
made again with a column of tokens and the small tables its triggers keep; on PostgreSQL a
stored document of each service's words and tokens, with its triggers and GIN index."""

from django.db import migrations

from alongside.directory import fulltext


class Migration(migrations.Migration):
    dependencies = [("directory", "0010_one_listing_per_thing")]

    operations = [migrations.RunPython(fulltext.tokens_install, fulltext.tokens_uninstall)]
