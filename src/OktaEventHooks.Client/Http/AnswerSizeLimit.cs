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
            using var source = await _inner.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > _maxBytes)
                {
                    throw new AnswerTooLargeException(null, _maxBytes);
                }

                await stream.WriteAsync(buffer, 0, read).ConfigureAwait(false);
            }
        }

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
