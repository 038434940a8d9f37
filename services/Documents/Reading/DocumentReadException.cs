namespace PerfPlatform.Documents.Reading;

/// <summary>A file that cannot be read as a target document at all (wrong format, damaged, too large); the message is Chinese.</summary>
public sealed class DocumentReadException(string message) : Exception(message);
