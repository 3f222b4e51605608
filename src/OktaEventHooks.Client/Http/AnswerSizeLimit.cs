using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OktaEventHooks.Client.Http;

/// <summary>
/// Caps the size of every answer, counted as it arrives and after decompression: an answer that says it is larger is
/// refused before its body is read, and one that grows past the cap while it is read (a gzip bomb, an endless list) is
/// stopped there. Either way <see cref="AnswerTooLargeException"/>, and no more than the cap is ever held.
/// </summary>
internal sealed class AnswerSizeLimit : DelegatingHandler
{
    public AnswerSizeLimit(HttpMessageHandler inner, long maxBytes)
        : base(inner)
    {
        MaxBytes = maxBytes;
    }

    public long MaxBytes { get; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content == null)
        {
            return response;
        }

        if (response.Content.Headers.ContentLength is long declared && declared > MaxBytes)
        {
            response.Dispose();
            throw new AnswerTooLargeException(declared, MaxBytes);
        }

        response.Content = new CappedContent(response.Content, MaxBytes);
        return response;
    }

    /// <summary>The inner answer's body, copied on only up to the cap.</summary>
    private sealed class CappedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly long _maxBytes;

        public CappedContent(HttpContent inner, long maxBytes)
        {
            _inner = inner;
            _maxBytes = maxBytes;
            foreach (var header in inner.Headers)
            {
                if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            using var source = await CreateContentReadStreamAsync().ConfigureAwait(false);
            await source.CopyToAsync(stream, 81920).ConfigureAwait(false);
        }

        /// <summary>
        /// The body as it arrives, not buffered first: a reader that stops early (the endpoint probe reads 64 KB at most)
        /// reads no more, and its cancellation token reaches the network read.
        /// </summary>
        protected override async Task<Stream> CreateContentReadStreamAsync() =>
            new CappedStream(await _inner.ReadAsStreamAsync().ConfigureAwait(false), _maxBytes);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>Reads on from an answer's stream and throws <see cref="AnswerTooLargeException"/> once more than the cap has come.</summary>
internal sealed class CappedStream : Stream
{
    private readonly Stream _inner;
    private readonly long _maxBytes;
    private long _total;

    public CappedStream(Stream inner, long maxBytes)
    {
        _inner = inner;
        _maxBytes = maxBytes;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

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
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        _total += read;
        if (_total > _maxBytes)
        {
            throw new AnswerTooLargeException(null, _maxBytes);
        }

        return read;
    }
}

/// <summary>An answer larger than <see cref="AnswerSizeLimit"/> allows; it was not read to its end.</summary>
internal sealed class AnswerTooLargeException : IOException
{
    public AnswerTooLargeException(long? declaredBytes, long maxBytes)
        : base(declaredBytes is long declared
            ? $"the answer is {declared / (1024 * 1024)} MB ({declared} bytes); at most {maxBytes / (1024 * 1024)} MB is read"
            : $"the answer grew past {maxBytes / (1024 * 1024)} MB (after decompression) and was not read further")
    {
        MaxBytes = maxBytes;
    }

    public long MaxBytes { get; }
}
