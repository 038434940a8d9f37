using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace PerfPlatform.ServiceDefaults.Errors;

/// <summary>
/// PostgreSQL cannot store the NUL character in text; a request that carries one in any string field (however deep) is
/// refused up front with the field named, instead of failing in the database. <see cref="ErrorMappingInterceptor"/> checks
/// every single request; a streamed message is checked by the endpoint that reads it.
/// </summary>
public static class TextInputCheck
{
    public const string NulMessage = "不能包含空字符（\\u0000）。";

    public static void Check(IMessage message)
    {
        var violations = new Violations();
        Walk(message, "", violations, depth: 0);
        violations.ThrowIfAny();
    }

    private static void Walk(IMessage message, string prefix, Violations violations, int depth)
    {
        if (depth > 32) return;
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            var path = prefix + field.Name;
            switch (value)
            {
                case string text:
                    Text(text, path, violations);
                    break;
                case IMessage child when field.FieldType == FieldType.Message:
                    Walk(child, path + ".", violations, depth + 1);
                    break;
                case System.Collections.IList list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i] is string s) Text(s, $"{path}[{i}]", violations);
                        else if (list[i] is IMessage m) Walk(m, $"{path}[{i}].", violations, depth + 1);
                    }
                    break;
            }
        }
    }

    private static void Text(string text, string path, Violations violations) =>
        violations.When(text.Contains('\0'), path, NulMessage);
}
