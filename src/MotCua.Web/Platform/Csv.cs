using System.Text;

namespace MotCua.Web.Platform;

/// <summary>RFC 4180 CSV: comma-separated, fields quoted when they hold a comma, a quote or a line break.
/// Small on purpose; the CsvHelper served here has an API unlike its documentation.</summary>
internal static class Csv
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        AppendRow(text, header);
        foreach (var row in rows)
        {
            AppendRow(text, row);
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var field = fields[i] ?? "";
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(field);
            }
        }

        text.Append("\r\n");
    }

    /// <summary>Reads rows as dictionaries keyed by the header's names (case-insensitive).</summary>
    public static List<Dictionary<string, string>> Read(string text)
    {
        var records = Parse(text);
        if (records.Count == 0)
        {
            return [];
        }

        var header = records[0].Select(h => h.Trim()).ToArray();
        return records.Skip(1)
            .Where(r => r.Count > 1 || r[0].Length > 0)
            .Select(r => header.Select((name, i) => (name, value: i < r.Count ? r[i] : ""))
                .ToDictionary(p => p.name, p => p.value, StringComparer.OrdinalIgnoreCase))
            .ToList();
    }

    private static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
