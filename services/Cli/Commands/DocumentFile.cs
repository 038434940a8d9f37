using PerfPlatform.Documents.Reading;

namespace PerfPlatform.Cli.Commands;

/// <summary>The target document a command reads: the file argument's wording, the --encoding option, and the reading.</summary>
public static class DocumentFile
{
    public const string Description = "绩效目标文档：Word 文档（.docx）、Excel 工作簿（.xlsx）或从 Word 导出的文本（UTF-8、GB18030/GBK、UTF-16 均可）";

    public static Option<string?> EncodingOption() =>
        new("--encoding") { Description = "文本文件的编码（如 UTF-8、GBK、GB18030、UTF-16）；默认自动识别" };

    public static async Task<ReadDocument> ReadAsync(FileInfo path, string? encoding)
    {
        if (!path.Exists) throw new CliException($"找不到文件 {path.FullName}");
        if (path.Length > OfficeZip.MaxFileBytes)
            throw new CliException($"文件超过 {OfficeZip.MaxFileBytes / 1024 / 1024} MB，无法导入。");
        try
        {
            return DocumentReader.Read(await File.ReadAllBytesAsync(path.FullName), path.Name, encoding);
        }
        catch (DocumentReadException e)
        {
            throw new CliException($"{path.Name}：{e.Message}");
        }
    }
}
