using System.Reflection;
using System.Text;
using Google.Api;
using Google.Protobuf.Reflection;
using PerfPlatform.Protos.Common.V1;

namespace PerfPlatform.Gateway.Routing;

/// <summary>A REST binding of an RPC: its HTTP method, the proto's path template and that template as a route pattern.</summary>
public sealed record RestRoute(string Method, string Template, string Pattern);

/// <summary>
/// The REST routes the protos declare (google.api.http, additional bindings included), read from the compiled
/// descriptors: a route added to a proto reaches its service through the gateway without a gateway entry.
/// </summary>
public static class ProtoRoutes
{
    /// <summary>Every compiled file of the platform's protos (each generated *Reflection class holds one).</summary>
    public static IReadOnlyList<FileDescriptor> Files { get; } = typeof(Diagnostics).Assembly.GetTypes()
        .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
        .OfType<FileDescriptor>().ToList();

    public static IEnumerable<RestRoute> Of(string protoPackage) =>
        Files.Where(f => f.Package == protoPackage).SelectMany(f => f.Services).SelectMany(s => s.Methods).SelectMany(Of);

    /// <summary>The token-free routes: everything under /v1/public/ (绩效信息公开).</summary>
    public static bool IsPublic(string template) => template.StartsWith("/v1/public/", StringComparison.Ordinal);

    /// <summary>The RPCs of a package whose REST binding is public, so that their gRPC path is token-free too.</summary>
    public static IEnumerable<MethodDescriptor> PublicMethods(string protoPackage) =>
        Files.Where(f => f.Package == protoPackage).SelectMany(f => f.Services).SelectMany(s => s.Methods)
            .Where(m => Of(m).Any(r => IsPublic(r.Template)));

    public static IEnumerable<RestRoute> Of(MethodDescriptor method)
    {
        var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
        if (rule is null) yield break;
        foreach (var binding in new[] { rule }.Concat(rule.AdditionalBindings))
        {
            var (verb, template) = binding.PatternCase switch
            {
                HttpRule.PatternOneofCase.Get => ("GET", binding.Get),
                HttpRule.PatternOneofCase.Put => ("PUT", binding.Put),
                HttpRule.PatternOneofCase.Post => ("POST", binding.Post),
                HttpRule.PatternOneofCase.Delete => ("DELETE", binding.Delete),
                HttpRule.PatternOneofCase.Patch => ("PATCH", binding.Patch),
                HttpRule.PatternOneofCase.Custom => (binding.Custom.Kind, binding.Custom.Path),
                _ => ("", ""),
            };
            if (template.Length > 0) yield return new RestRoute(verb, template, ToPattern(template));
        }
    }

    /// <summary>
    /// An HttpRule path template as an ASP.NET route pattern: "/v1/projects/{project_code}:submit" stays as it is (a
    /// parameter and a literal verb in one segment), "*" and "{name=*}" become a parameter, "**" a catch-all, and a
    /// variable's own path ("{name=units/*}") its segments.
    /// </summary>
    public static string ToPattern(string template)
    {
        var pattern = new StringBuilder();
        var parameter = 0;
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c != '{')
            {
                pattern.Append(c == '*' ? Wildcard(template, ref i, $"p{parameter++}") : c.ToString());
                i++;
                continue;
            }
            var end = template.IndexOf('}', i);
            var variable = template[(i + 1)..end];
            var name = variable.Split('=')[0].Replace('.', '_');
            if (!variable.Contains('=')) pattern.Append('{').Append(name).Append('}');
            else
            {
                var inner = variable[(variable.IndexOf('=') + 1)..];
                for (var j = 0; j < inner.Length; j++)
                    pattern.Append(inner[j] == '*' ? Wildcard(inner, ref j, $"{name}_{parameter++}") : inner[j].ToString());
            }
            i = end + 1;
        }
        return pattern.ToString();
    }

    private static string Wildcard(string text, ref int at, string name)
    {
        if (at + 1 < text.Length && text[at + 1] == '*')
        {
            at++;
            return $"{{**{name}}}";
        }
        return $"{{{name}}}";
    }
}
