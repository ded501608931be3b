# Full-text search over cases: pg_trgm GIN indexes on PostgreSQL (the extension created when the
# role may), an FTS5 trigram table kept by triggers on SQLite. See kesu/library/fulltext.py.

from django.db import migrations


def install(apps, schema_editor):
    from kesu.library import fulltext

    connection = schema_editor.connection
    fulltext.install(connection)
    with connection.cursor() as cursor:
        for statement in fulltext.rebuild_sql(connection):
            cursor.execute(statement)


def remove(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in ("insert", "update", "delete"):
                cursor.execute(f"DROP TRIGGER IF EXISTS library_case_fts_{name}")
            cursor.execute("DROP TABLE IF EXISTS library_case_fts")
        elif connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS library_case_text_trgm")
            cursor.execute("DROP INDEX IF EXISTS library_case_personal_trgm")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
