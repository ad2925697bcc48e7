"""The stored words of each service on PostgreSQL (``fulltext.POSTGRES_VECTOR_INSTALL``),
for suggestions; nothing on SQLite, whose FTS5 index already holds them."""

from django.db import migrations

from alongside.directory import fulltext


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_service_version")]

    operations = [migrations.RunPython(fulltext.vector_install, fulltext.vector_uninstall)]
