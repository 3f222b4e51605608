using System.Diagnostics;
using System.Globalization;

namespace OktaEventHooks.Sandbox.Infrastructure;

/// <summary>
/// One line per request served, for a person watching a sandbox started by hand, such as
/// <c>11:30:49 GET /api/v1/eventHooks 200 4 ms</c>. Off until the command line turns it on, after its first line
/// (the start-up contract), and never on with --quiet: a script that reads only the first line must not leave a
/// pipe to fill up and block the requests. A line names the method, path, status and time; no header, no body.
/// </summary>
internal sealed class RequestConsole
{
    /// <summary>Longer paths (a System Log query) are cut: the line is for the eye.</summary>
    private const int MaxTargetLength = 160;

    private TextWriter? _writer;

    /// <summary>Starts (or, with null, stops) writing the lines to <paramref name="writer"/>.</summary>
    public void WriteTo(TextWriter? writer) => Volatile.Write(ref _writer, writer);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var writer = Volatile.Read(ref _writer);
        if (writer == null)
        {
            await next(context);
            return;
        }

        var clock = Stopwatch.StartNew();
        try
        {
            await next(context);
        }
        finally
        {
            var request = context.Request;
            var target = request.Path.Value + request.QueryString.Value;
            if (target.Length > MaxTargetLength)
            {
                target = target[..MaxTargetLength] + "...";
            }

            var outcome = context.RequestAborted.IsCancellationRequested
                ? "connection closed"
                : context.Response.StatusCode.ToString(CultureInfo.InvariantCulture);
            writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{DateTime.Now:HH:mm:ss} {request.Method} {target} {outcome} {clock.ElapsedMilliseconds} ms"));
        }
    }
}
