using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;

namespace PerfPlatform.Documents.Reading;

/// <summary>
/// Opens a Word or Excel file safely: a damaged or truncated zip, a part that would unpack beyond the limits (a zip
/// bomb) or an XML part beyond its character limit (entity expansion is refused by the reader: no DTD is processed)
/// is a <see cref="DocumentReadException"/> with a Chinese message, never an unbounded read.
/// </summary>
public static class OfficeZip
{
    public const long MaxFileBytes = 20L * 1024 * 1024;
    public const long MaxUnpackedBytes = 200L * 1024 * 1024;
    public const long MaxPartCharacters = 50L * 1024 * 1024;

    public static OpenSettings Settings => new() { MaxCharactersInPart = MaxPartCharacters, AutoSave = false };

    /// <summary>Opens the package and reads it; what the package's parts hold is read lazily, so both are guarded.</summary>
    public static T Read<TPackage, T>(Stream file, string requiredPart, Func<Stream, TPackage> open, Func<TPackage, T> read)
        where TPackage : OpenXmlPackage
    {
        var bytes = Buffered(file);
        CheckZip(bytes, requiredPart);
        try
        {
            using var package = open(bytes);
            return read(package);
        }
        catch (Exception e) when (e is not (DocumentReadException or OutOfMemoryException))
        {
            // A damaged part, a DTD (entity expansion is never processed), a part beyond its size: the file, not the reader.
            throw new DocumentReadException($"文件已损坏或含有不允许的内容，无法读取（{e.GetType().Name}）。请在 Word 或 Excel 中打开后重新保存再上传。");
        }
    }

    private static MemoryStream Buffered(Stream file)
    {
        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            if (copy.Length + read > MaxFileBytes)
                throw new DocumentReadException($"文件超过 {MaxFileBytes / 1024 / 1024} MB，无法导入。请拆分后再上传。");
            copy.Write(buffer, 0, read);
        }
        copy.Position = 0;
        return copy;
    }

    /// <summary>Reads the zip's directory only, and refuses what cannot be the expected kind of file or would unpack too far.</summary>
    private static void CheckZip(MemoryStream bytes, string requiredPart)
    {
        try
        {
            using var zip = new ZipArchive(bytes, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            var found = false;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                found |= entry.FullName == requiredPart;
                if (total > MaxUnpackedBytes)
                    throw new DocumentReadException($"文件解压后超过 {MaxUnpackedBytes / 1024 / 1024} MB，不像是目标表文档，已拒绝。");
            }
            if (!found)
                throw new DocumentReadException(requiredPart.StartsWith("word/")
                    ? "文件不是 Word 文档（.docx）：缺少正文部分。"
                    : "文件不是 Excel 工作簿（.xlsx）：缺少工作簿部分。");
        }
        catch (InvalidDataException)
        {
            throw new DocumentReadException("文件不是完整的 .docx/.xlsx（ZIP 结构损坏或被截断）。请重新保存后再上传。");
        }
        bytes.Position = 0;
    }
}
