using System.Text;

namespace StructuredStream.Cli;

/// <summary>Opens the files commands read; <c>-</c> is standard input.</summary>
internal sealed class InputFiles(Stream standardInput)
{
    /// <summary>UTF-8 that throws on bytes that are not UTF-8, so a wrong file is an error and not silent U+FFFD.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Opens <paramref name="path"/> as UTF-8 text. A byte-order mark at its start is the file's, not its text's: it is
    /// skipped (a model's own BOM, inside a chunk, is still read and repaired as the model's).
    /// </summary>
    public TextReader OpenText(string path)
    {
        if (path == "-")
        {
            return new StreamReader(standardInput, StrictUtf8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliInputException("an empty file name was given: name a file, or '-' for standard input.");
        }

        try
        {
            var stream = File.OpenRead(path);
            SkipByteOrderMark(stream);
            return new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"cannot read '{path}': {e.Message}", e);
        }
    }

    private static void SkipByteOrderMark(FileStream stream)
    {
        Span<byte> start = stackalloc byte[3];
        var read = stream.ReadAtLeast(start, 3, throwOnEndOfStream: false);
        if (read < 3 || !start.SequenceEqual(Encoding.UTF8.Preamble))
        {
            stream.Position = 0;
        }
    }

    /// <summary>Runs a read, turning I/O and decoding failures into one clear line about <paramref name="path"/>.</summary>
    public static T Reading<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (DecoderFallbackException e)
        {
            throw new CliInputException($"'{path}' is not UTF-8 text (byte {e.Index} of a read block is invalid).", e);
        }
        catch (IOException e)
        {
            throw new CliInputException($"cannot read '{path}': {e.Message}", e);
        }
    }
}
