using System.Text;

namespace StructuredStream.Api.Streams;

/// <summary>
/// Turns a model's plain text into the text of one JSON string, chunk by chunk, so chat goes through the same
/// parser, patches and validation as any schema: <c>{"type":"string"}</c> is the simplest schema, not a second path.
/// </summary>
internal sealed class PlainTextAsJson
{
    private readonly StringBuilder _buffer = new();
    private bool _started;

    /// <summary>The JSON text for the next chunk of plain text (the opening quote comes with the first).</summary>
    public string Next(string text)
    {
        _buffer.Clear();
        if (!_started)
        {
            _buffer.Append('"');
            _started = true;
        }

        foreach (var c in text)
        {
            switch (c)
            {
                case '"': _buffer.Append("\\\""); break;
                case '\\': _buffer.Append("\\\\"); break;
                case '\n': _buffer.Append("\\n"); break;
                case '\r': _buffer.Append("\\r"); break;
                case '\t': _buffer.Append("\\t"); break;
                case < ' ': _buffer.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)); break;
                // Surrogates pass through raw: the parser joins a pair split across chunks.
                default: _buffer.Append(c); break;
            }
        }

        return _buffer.ToString();
    }

    /// <summary>The closing quote (with the opening one when no text came at all).</summary>
    public string End() => _started ? "\"" : "\"\"";
}
