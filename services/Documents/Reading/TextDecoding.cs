using System.Text;

namespace PerfPlatform.Documents.Reading;

/// <summary>Text in the encoding it was saved in: its characters and the encoding's name, for the import report.</summary>
public sealed record DecodedText(string Text, string EncodingName);

/// <summary>
/// Decodes a text file without being told its encoding: a byte-order mark first (UTF-8, UTF-16), then strict UTF-8,
/// then GB18030 (a superset of GBK and GB2312: what Windows Notepad saves in a Chinese locale by default). A name
/// given by the user overrides the detection. Line ends are left to the parser, which reads CRLF, LF and CR alike.
/// </summary>
public static class TextDecoding
{
    public const string Utf8 = "UTF-8", Utf8Bom = "UTF-8（带 BOM）", Utf16Le = "UTF-16LE", Utf16Be = "UTF-16BE", Gb18030 = "GB18030";

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static DecodedText Decode(byte[] bytes, string? encodingName = null)
    {
        if (!string.IsNullOrWhiteSpace(encodingName)) return DecodeAs(bytes, encodingName.Trim());
        if (bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
            return Checked(Strict(new UTF8Encoding(false, true)), bytes.AsSpan(3), Utf8Bom);
        if (bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }))
            return Checked(Strict(new UnicodeEncoding(false, false, true)), bytes.AsSpan(2), Utf16Le);
        if (bytes.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF }))
            return Checked(Strict(new UnicodeEncoding(true, false, true)), bytes.AsSpan(2), Utf16Be);
        if (TryDecode(Strict(new UTF8Encoding(false, true)), bytes, out var utf8)) return Text(utf8, Utf8);
        if (TryDecode(Strict(Encoding.GetEncoding("GB18030")), bytes, out var gb)) return Text(gb, Gb18030);
        throw new DocumentReadException(
            "无法识别文件的文字编码：它既不是 UTF-8（可带 BOM）、UTF-16（带 BOM），也不是 GB18030/GBK/GB2312。" +
            "请用记事本或 Word 另存为「UTF-8」编码的文本后重试，或用 --encoding 指明编码。");
    }

    /// <summary>Whether a name given by the user is an encoding the decoder knows (GBK and GB2312 read as GB18030).</summary>
    public static bool Knows(string name) => Named(name.Trim()) is not null;

    private static Encoding? Named(string name)
    {
        try
        {
            return Encoding.GetEncoding(name.ToUpperInvariant() switch { "GBK" or "GB2312" or "CP936" => "GB18030", var n => n });
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static DecodedText DecodeAs(byte[] bytes, string name)
    {
        var encoding = Named(name) ?? throw new DocumentReadException($"不认识的编码「{name}」。可用：UTF-8、UTF-16、GB18030（含 GBK、GB2312）。");
        var preamble = encoding.GetPreamble();
        var body = preamble.Length > 0 && bytes.AsSpan().StartsWith(preamble) ? bytes.AsSpan(preamble.Length) : bytes.AsSpan();
        return Checked(Strict(encoding), body, encoding.WebName.ToUpperInvariant());
    }

    private static Encoding Strict(Encoding encoding) =>
        Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    private static DecodedText Checked(Encoding encoding, ReadOnlySpan<byte> bytes, string name) =>
        TryDecode(encoding, bytes, out var text)
            ? Text(text, name)
            : throw new DocumentReadException($"文件不是有效的 {name} 文本（有无法按 {name} 解码的字节）。请确认保存时选择的编码，或用 --encoding 指明。");

    private static bool TryDecode(Encoding encoding, ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>A NUL is no character of a text document: such a file is binary (or UTF-16 saved without its mark).</summary>
    private static DecodedText Text(string text, string name) =>
        text.Contains('\0')
            ? throw new DocumentReadException($"文件按 {name} 解码后含有空字符，不是文本文件（UTF-16 文本须带 BOM）。请上传 .txt、.docx 或 .xlsx 文件。")
            : new DecodedText(text, name);
}
