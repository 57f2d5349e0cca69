using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace MotCua.Benchmarks;

/// <summary>
/// The intake's own transaction as a pgbench script: the physical limit of the design. The rows come from one real intake
/// (read back from every table an intake writes), so the script inserts the same columns with the same values and follows
/// the schema as it changes. Its shape is the app's (<c>DossierCodes</c>): BEGIN, an asynchronous commit for this transaction,
/// the code counter upsert (which holds the agency's counter row locked until commit), one pipelined batch of inserts, COMMIT,
/// then the synchronous WAL record that returns once all of it is on disk. The shape of the intake before, with the counter
/// row locked until the commit's own disk flush, is kept beside it to show the limit that the asynchronous commit raises.
/// Each client takes its agency from its client id, its sequence from the upsert, and a time-ordered id like the app's
/// version 7 Guids.
/// </summary>
internal sealed class RawIntakeScript
{
    // Where one intake's rows are: the tables in the order the app writes them.
    private static readonly (string Table, string Where)[] Tables =
    [
        ("AuditEvents", "\"StreamId\" = 'Dossier:' || @id::text"),
        ("Dossiers", "\"Id\" = @id"),
        ("DossierComponents", "\"DossierId\" = @id"),
        ("DossierMilestones", "\"DossierId\" = @id"),
        // The owner's notices and the national portal's sync message (queued even while no portal is configured, so none is lost).
        ("OutboxMessages", "\"Topic\" IN ('Dossier:' || @id::text, 'DVCQG:' || @id::text)"),
        ("ReportFactDeltas", "\"UnitId\" = @unit AND \"Id\" > @facts"),
    ];

    // Copied from DossierCodes, as the app sends it.
    private const string Upsert = """
        INSERT INTO "DossierCodeCounters" ("AgencyCode", "Day", "LastValue") VALUES ({0}, {1}, 1)
        ON CONFLICT ("AgencyCode", "Day") DO UPDATE SET "LastValue" = "DossierCodeCounters"."LastValue" + 1
        RETURNING "LastValue"
        """;

    private readonly List<(string Table, List<string> Columns, List<JsonElement[]> Rows)> _inserts;
    private readonly Guid _id;
    private readonly string _code;
    private readonly string _agency;
    private readonly int _unitId;
    private readonly DateOnly _day;

    private RawIntakeScript(List<(string, List<string>, List<JsonElement[]>)> inserts, Guid id, string code, string agency, int unitId, DateOnly day)
    {
        _inserts = inserts;
        _id = id;
        _code = code;
        _agency = agency;
        _unitId = unitId;
        _day = day;
    }

    /// <summary>Each table and the number of rows one intake wrote to it.</summary>
    public string Summary => string.Join(", ", _inserts.Select(i => $"{i.Table} {i.Rows.Count}"));

    public bool HasAllRows => _inserts.All(i => i.Rows.Count > 0);

    public static async Task<long> LastFactIdAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT coalesce(max("Id"), 0) FROM "ReportFactDeltas" """, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Reads back what the intake of dossier <paramref name="id"/> wrote; it must be the only intake of its unit so far.</summary>
    public static async Task<RawIntakeScript> CaptureAsync(string connectionString, Guid id, string code, string agency, long factsBefore)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        int unitId;
        await using (var command = new NpgsqlCommand("""SELECT "Id" FROM "Units" WHERE "Code" = @code""", connection))
        {
            command.Parameters.AddWithValue("code", agency);
            unitId = Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        // Columns the database fills itself stay out of the INSERTs, as they do in the app's.
        var generated = new HashSet<(string, string)>();
        await using (var command = new NpgsqlCommand("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                generated.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var inserts = new List<(string, List<string>, List<JsonElement[]>)>();
        foreach (var (table, where) in Tables)
        {
            await using var command = new NpgsqlCommand($"""SELECT row_to_json(t)::text FROM "{table}" t WHERE {where}""", connection);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("unit", unitId);
            command.Parameters.AddWithValue("facts", factsBefore);
            var columns = new List<string>();
            var rows = new List<JsonElement[]>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var fields = JsonDocument.Parse(reader.GetString(0)).RootElement.EnumerateObject().Where(p => !generated.Contains((table, p.Name))).ToList();
                if (columns.Count == 0)
                {
                    columns.AddRange(fields.Select(p => p.Name));
                }

                rows.Add(fields.Select(p => p.Value.Clone()).ToArray());
            }

            inserts.Add((table, columns, rows));
        }

        var day = DateOnly.ParseExact(code.Split('-')[1], "yyMMdd", CultureInfo.InvariantCulture);
        return new RawIntakeScript(inserts, id, code, agency, unitId, day);
    }

    /// <summary>The script for clients spread over <paramref name="agencies"/> (client i at agency i mod n); run it with <c>-D k=0</c>.</summary>
    public string Build(IReadOnlyList<(string Code, int Id)> agencies, bool lockThroughFlush = false)
    {
        var agency = $"(ARRAY[{string.Join(", ", agencies.Select(a => Literal(a.Code)))}])[:a::int + 1]";
        var unit = $"(ARRAY[{string.Join(", ", agencies.Select(a => a.Id.ToString(CultureInfo.InvariantCulture)))}])[:a::int + 1]";
        // The transaction's start time in its first 48 bits, as in a version 7 Guid: new rows go to the right edge of the indexes.
        var id = "(lpad(to_hex((extract(epoch FROM now()) * 1000)::bigint), 12, '0') || lpad(to_hex(:r::bigint), 20, '0'))::uuid";
        var code = $"({agency} || {Literal(_code[_agency.Length..^_code.Split('-')[^1].Length])} || lpad(:LastValue::text, greatest(4, length(:LastValue::text)), '0'))";
        // Longest first: the code holds the agency, and the stream id holds the dossier id.
        var replacements = new (string Text, string Sql)[] { (_id.ToString(), id + "::text"), (_code, code), (_agency, agency) };

        var script = new StringBuilder();
        script.AppendLine(CultureInfo.InvariantCulture, $"\\set a :client_id % {agencies.Count}");
        script.AppendLine("\\set r random(0, 9223372036854775806)");
        script.AppendLine("BEGIN;");
        if (!lockThroughFlush)
        {
            script.AppendLine("SET LOCAL synchronous_commit TO off;");
        }

        script.Append(string.Format(CultureInfo.InvariantCulture, Upsert, agency, Literal(_day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        script.AppendLine(" \\gset");
        script.AppendLine("\\startpipeline");
        foreach (var (table, columns, rows) in _inserts.Where(i => i.Rows.Count > 0))
        {
            script.Append(CultureInfo.InvariantCulture, $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ");
            script.AppendJoin(", ", rows.Select(row => "(" + string.Join(", ", row.Select((value, i) => Value(columns[i], value, id, unit, replacements))) + ")"));
            script.AppendLine(";");
        }

        script.AppendLine("\\endpipeline");
        script.AppendLine("COMMIT;");
        if (!lockThroughFlush)
        {
            script.AppendLine("SELECT pg_logical_emit_message(true, 'motcua', 'intake');");
        }

        return script.ToString();
    }

    private string Value(string column, JsonElement value, string id, string unit, (string Text, string Sql)[] replacements) => value.ValueKind switch
    {
        JsonValueKind.Null => "NULL",
        JsonValueKind.True => "TRUE",
        JsonValueKind.False => "FALSE",
        JsonValueKind.Number when column.EndsWith("UnitId", StringComparison.Ordinal) && value.GetRawText() == _unitId.ToString(CultureInfo.InvariantCulture) => unit,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.String when value.GetString() == _id.ToString() => id,
        JsonValueKind.String => Text(value.GetString()!, replacements),
        _ => Text(value.GetRawText(), replacements),
    };

    /// <summary>A text value with the sample's dossier id, code and agency turned into the client's own.</summary>
    private static string Text(string value, ReadOnlySpan<(string Text, string Sql)> replacements)
    {
        if (replacements.IsEmpty)
        {
            return Literal(value);
        }

        var (text, sql) = replacements[0];
        var parts = value.Split(text);
        if (parts.Length == 1)
        {
            return Text(value, replacements[1..]);
        }

        var pieces = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                pieces.Add(sql);
            }

            if (parts[i].Length > 0)
            {
                pieces.Add(Text(parts[i], replacements[1..]));
            }
        }

        return pieces.Count == 1 ? pieces[0] : "(" + string.Join(" || ", pieces) + ")";
    }

    /// <summary>A string literal pgbench leaves alone: it would read ":name" as a variable, even inside quotes.</summary>
    private static string Literal(string value) =>
        "E'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal)
            .Replace(":", "\\x3a", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "'";
}
