using System.Text;

namespace StructuredStream.Cli;

/// <summary>Opens the files commands read; <c>-</c> is standard input.</summary>
internal sealed class InputFiles(Stream standardInput)
{
    /// <summary>UTF-8 that throws on bytes that are not UTF-8, so a wrong file is an error and not silent U+FFFD.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public TextReader OpenText(string path)
    {
        if (path == "-")
        {
            return new StreamReader(standardInput, StrictUtf8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        }

        try
        {
            return new StreamReader(File.OpenRead(path), StrictUtf8, detectEncodingFromByteOrderMarks: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot read '{path}': {e.Message}", e);
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
