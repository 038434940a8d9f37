using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PerfPlatform.Reporting.Disclosure;

/// <summary>A published field as a datapackage (Frictionless Table Schema) describes it: name, type, title.</summary>
public sealed record PublishedField(string Name, string Type, string Title);

/// <summary>
/// How every disclosure is written: JSON as a datapackage-style tabular resource (its schema naming each field, then the
/// rows), and RFC 4180 CSV, UTF-8 with a byte-order mark so that Excel reads the Chinese.
/// </summary>
public static class DataPackage
{
    public static string Json(string name, string title, string division, string divisionName, int year, IReadOnlyList<PublishedField> fields,
        IEnumerable<object?[]> rows)
    {
        var document = new Dictionary<string, object?>
        {
            ["profile"] = "tabular-data-resource",
            ["name"] = name,
            ["title"] = title,
            ["division"] = new { code = division, name = divisionName },
            ["year"] = year,
            ["schema"] = new { fields = fields.Select(f => new { name = f.Name, type = f.Type, title = f.Title }) },
            ["data"] = rows.Select(r => fields.Select(f => f.Name).Zip(r).ToDictionary(p => p.First, p => p.Second)),
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions
        {
            WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    public static byte[] Csv(IReadOnlyList<PublishedField> fields, IEnumerable<object?[]> rows)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(",", fields.Select(f => f.Name))).Append("\r\n");
        foreach (var row in rows)
            csv.Append(string.Join(",", row.Select(Cell))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Cell(object? value)
    {
        var text = value switch
        {
            decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
            _ => value?.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}
