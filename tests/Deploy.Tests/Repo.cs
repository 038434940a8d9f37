using System.Globalization;
using System.Text.Json.Nodes;
using PerfPlatform.TestSupport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PerfPlatform.Deploy.Tests;

public static class Repo
{
    public static string Root => TestEnvironment.RepoRoot;
    public static string Chart => Path.Combine(Root, "charts", "perfplatform");

    public static string Read(params string[] parts) => File.ReadAllText(Path.Combine([Root, .. parts]));

    /// <summary>A YAML file as JSON nodes (plain scalars typed as YAML's core schema does), for schema checks and path lookups.</summary>
    public static JsonNode? Yaml(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return stream.Documents.Count == 0 ? null : ToNode(stream.Documents[0].RootNode);
    }

    /// <summary>
    /// One service's values as the chart's templates see them: its block under services merged over the default block
    /// (the chart's perfplatform.service helper merges the same way as <see cref="Merge"/>).
    /// </summary>
    public static JsonNode Service(JsonNode values, string name) => Merge(values["default"], values["services"]![name])!;

    /// <summary>Every document of a multi-document YAML file, as JSON nodes.</summary>
    public static List<JsonNode?> YamlDocuments(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return stream.Documents.Select(d => ToNode(d.RootNode)).ToList();
    }

    /// <summary>Helm's merge of an override file over the chart's defaults: maps merge, everything else replaces.</summary>
    public static JsonNode? Merge(JsonNode? defaults, JsonNode? overrides)
    {
        if (defaults is not JsonObject d || overrides is not JsonObject o) return overrides?.DeepClone() ?? defaults?.DeepClone();
        var result = (JsonObject)d.DeepClone();
        foreach (var (key, value) in o) result[key] = Merge(d[key], value);
        return result;
    }

    private static JsonNode? ToNode(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToNode(kv.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToNode).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => Plain(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static JsonNode? Plain(string value) => value switch
    {
        "" or "~" or "null" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        _ => JsonValue.Create(value),
    };
}
