using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiContracts.Core.Definitions;
using ApiContracts.Fixtures.Generation;
using Microsoft.Data.Sqlite;

namespace ApiContracts.Fixtures.Export;

/// <summary>
/// Writes fixture records to an SQLite database whose column types come from the definitions, so numbers stay
/// numbers. One table holds the records (named for them: <c>snapshots</c>, <c>Snapshots</c>, <c>histories</c>;
/// <c>actions</c> for the action API), keyed by the dataset index <c>_index</c>, with a column per documented leaf
/// under its dotted name (<c>request.parameters.replica</c>). Each array of a record is also a child table,
/// <c>&lt;table&gt;_&lt;path&gt;</c> (<c>Snapshots_Labels</c>), with <c>_index</c>, the 0-based <c>_position</c> and a column per
/// item member (or <c>value</c> for plain items); the record's own column keeps the array as JSON text, and arrays
/// inside array items and free-form objects are JSON text. Integers and booleans (0/1) are INTEGER, other numbers
/// REAL, the rest TEXT; null and a missing value are both SQL NULL. A table <c>_dataset</c> names the API, parent,
/// seed, size and index range. The same inputs give the same bytes with the same SQLite library.
/// </summary>
public static class SqliteExport
{
    /// <summary>The table the records of <paramref name="source"/> go to.</summary>
    public static string TableName(FixtureSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return RecordGenerator.ItemsField(source.Api)?.Name ?? "actions";
    }

    /// <summary>Writes the records [start, end) as an SQLite database to <paramref name="stream"/>.</summary>
    /// <remarks>SQLite writes files, not streams: the database is built in a temporary file beside the target (or in the temp folder), then copied.</remarks>
    public static void Write(FixtureSource source, Dataset dataset, long start, long end, Stream stream, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(stream);
        var folder = stream is FileStream file ? Path.GetDirectoryName(Path.GetFullPath(file.Name))! : Path.GetTempPath();
        var temp = Path.Combine(folder, "." + Path.GetRandomFileName() + ".sqlite.partial");
        try
        {
            Build(source, dataset, start, end, temp, progress);
            using var built = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16);
            built.CopyTo(stream);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static void Build(FixtureSource source, Dataset dataset, long start, long end, string path, IProgress<long>? progress)
    {
        var tables = Layout(source);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        // No journal and no syncs: the file is a temporary that is thrown away on any failure.
        Execute(connection, "PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
        using (var transaction = connection.BeginTransaction())
        {
            Execute(connection, "CREATE TABLE _dataset (key TEXT PRIMARY KEY, value) WITHOUT ROWID", transaction);
            foreach (var table in tables) Execute(connection, table.CreateSql(), transaction);
            WriteDatasetTable(connection, transaction, source, dataset, start, end);
            var inserts = tables.Select(t => t.Insert(connection, transaction)).ToArray();
            for (var i = start; i < end; i++)
            {
                var record = source.Record(dataset, i);
                for (var t = 0; t < tables.Count; t++) tables[t].Add(inserts[t], record, i);
                if (progress is not null && (i - start + 1) % 10_000 == 0) progress.Report(i - start + 1);
            }

            foreach (var insert in inserts) insert.Dispose();
            transaction.Commit();
        }

        progress?.Report(end - start);
    }

    private static void WriteDatasetTable(SqliteConnection connection, SqliteTransaction transaction, FixtureSource source, Dataset dataset, long start, long end)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO _dataset (key, value) VALUES ($key, $value)";
        var key = insert.Parameters.AddWithValue("$key", DBNull.Value);
        var value = insert.Parameters.AddWithValue("$value", DBNull.Value);
        foreach (var (name, content) in new (string, object)[]
        {
            ("api", source.Api.Id), ("records", TableName(source)), ("parent", dataset.ParentId), ("seed", dataset.SeedValue.ToString(CultureInfo.InvariantCulture)),
            ("size", dataset.Size), ("first_index", start), ("end_index", end),
        })
        {
            key.Value = name;
            value.Value = content;
            insert.ExecuteNonQuery();
        }
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // The tables for an API's records: the record table first, then one per array, in definition order.
    private static List<Table> Layout(FixtureSource source)
    {
        var name = TableName(source);
        var main = new List<Column>();
        var children = new List<Table>();
        var items = RecordGenerator.ItemsField(source.Api);
        if (items is not null)
        {
            Walk(items.Items!.Fields!, string.Empty, main, name, children);
        }
        else
        {
            Walk(source.Api.Request.Body!, "/request", main, name, children);
            Walk(source.Api.Success.Body!, "/response", main, name, children);
        }

        return [new Table(name, null, main), .. children];
    }

    private static void Walk(FieldTable table, string prefix, List<Column> columns, string tableName, List<Table>? children)
    {
        foreach (var field in table.Fields)
        {
            var pointer = prefix + "/" + field.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
            if (field.Type == FieldType.Object && field.Fields is not null)
            {
                Walk(field.Fields, pointer, columns, tableName, children);
                continue;
            }

            columns.Add(new Column(Flatten.Dotted(pointer), pointer, SqlType(field.Type)));
            if (field.Type == FieldType.Array && children is not null) children.Add(Child(tableName, pointer, field.Items));
        }
    }

    private static Table Child(string parent, string pointer, FieldDef? items)
    {
        var name = parent + "_" + Flatten.Dotted(pointer).Replace('.', '_');
        var columns = new List<Column>();
        if (items is { Type: FieldType.Object, Fields: not null }) Walk(items.Fields, string.Empty, columns, name, children: null);
        else columns.Add(new Column("value", string.Empty, SqlType(items?.Type ?? FieldType.String)));
        return new Table(name, pointer, columns);
    }

    private static string SqlType(FieldType type) => type switch
    {
        FieldType.Integer or FieldType.Boolean => "INTEGER",
        FieldType.Number => "REAL",
        _ => "TEXT",
    };

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // A value as SQLite stores it: numbers and booleans as numbers, text as text, objects and arrays as JSON text.
    private static object Value(JsonNode? node)
    {
        if (node is null) return DBNull.Value;
        if (node is not JsonValue value) return node.ToJsonString();
        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => 1L,
            JsonValueKind.False => 0L,
            JsonValueKind.Number => Number(value.ToJsonString()),
            _ => node.ToJsonString(),
        };
    }

    // Read from the JSON text, whatever .NET type the node wraps: a whole number is an INTEGER, any other a REAL.
    private static object Number(string json) =>
        long.TryParse(json, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? whole : double.Parse(json, NumberStyles.Float, CultureInfo.InvariantCulture);

    private sealed record Column(string Name, string Pointer, string Type);

    /// <summary>A table: the record table (<paramref name="Array"/> null) or the child table of the array at <paramref name="Array"/>.</summary>
    private sealed record Table(string Name, string? Array, IReadOnlyList<Column> Columns)
    {
        public string CreateSql()
        {
            var keys = Array is null ? "_index INTEGER PRIMARY KEY" : "_index INTEGER NOT NULL, _position INTEGER NOT NULL";
            var columns = string.Concat(Columns.Select(c => $", {Quote(c.Name)} {c.Type}"));
            var primary = Array is null ? string.Empty : ", PRIMARY KEY (_index, _position)";
            return $"CREATE TABLE {Quote(Name)} ({keys}{columns}{primary})";
        }

        public SqliteCommand Insert(SqliteConnection connection, SqliteTransaction transaction)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var names = (Array is null ? new[] { "_index" } : ["_index", "_position"]).Concat(Columns.Select(c => Quote(c.Name))).ToList();
            command.CommandText = $"INSERT INTO {Quote(Name)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
            for (var i = 0; i < names.Count; i++) command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null));
            command.Prepare();
            return command;
        }

        public void Add(SqliteCommand insert, JsonObject record, long index)
        {
            if (Array is null)
            {
                insert.Parameters[0].Value = index;
                for (var c = 0; c < Columns.Count; c++) insert.Parameters[c + 1].Value = Flatten.TryFind(record, Columns[c].Pointer, out var v) ? Value(v) : DBNull.Value;
                insert.ExecuteNonQuery();
                return;
            }

            if (!Flatten.TryFind(record, Array, out var node) || node is not JsonArray items) return;
            for (var position = 0; position < items.Count; position++)
            {
                insert.Parameters[0].Value = index;
                insert.Parameters[1].Value = (long)position;
                for (var c = 0; c < Columns.Count; c++)
                {
                    var item = items[position];
                    insert.Parameters[c + 2].Value = Columns[c].Pointer.Length == 0 ? Value(item) : item is not null && Flatten.TryFind(item, Columns[c].Pointer, out var v) ? Value(v) : DBNull.Value;
                }

                insert.ExecuteNonQuery();
            }
        }
    }
}
