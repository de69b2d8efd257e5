namespace StructuredStream.Client.Tests.Support;

/// <summary>
/// Sends requests over the real socket and cuts the body of the first <paramref name="drops"/> event responses after
/// <paramref name="afterBytes"/> bytes with an <see cref="IOException"/>, as a network drop mid-stream does.
/// </summary>
internal sealed class DroppingHandler(HttpMessageHandler inner, int drops, int afterBytes) : DelegatingHandler(inner)
{
    private readonly int _drops = drops;
    private int _dropsLeft = drops;

    public int Dropped => _drops - Math.Max(_dropsLeft, 0);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method != HttpMethod.Delete && response.IsSuccessStatusCode && Interlocked.Decrement(ref _dropsLeft) >= 0)
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var cut = new StreamContent(new CuttingStream(body, afterBytes));
            foreach (var header in response.Content.Headers)
            {
                cut.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = cut;
        }

        return response;
    }

    private sealed class CuttingStream(Stream inner, int limit) : Stream
    {
        private int _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_read >= limit)
            {
                // The connection goes away: the socket closes and the reader sees a reset.
                await inner.DisposeAsync();
                throw new IOException("The connection was reset (a network drop made by the test).");
            }

            var n = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, limit - _read)], cancellationToken);
            _read += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
