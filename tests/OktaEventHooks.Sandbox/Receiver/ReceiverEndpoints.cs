using System.Globalization;
using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Infrastructure;
using OktaEventHooks.Sandbox.Verification;

namespace OktaEventHooks.Sandbox.Receiver;

/// <summary>
/// A hook endpoint hosted by the sandbox itself, so verification works offline. The first path
/// segment after /receiver/ picks a behaviour; anything may follow it (e.g. /receiver/ok/hr-sync).
/// Requests are recorded on arrival, before any delay, so timed-out attempts are still visible; the status each was
/// answered with is added once it is known.
/// </summary>
internal static class ReceiverEndpoints
{
    public const string BasePath = "/receiver";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Map(BasePath + "/{**rest}", HandleAsync);

    private static async Task<IResult> HandleAsync(HttpContext context, ReceiverLog log, ReceiverSwitches switches, string? rest)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var sequence = log.Add(sequence => new ReceivedRequest(
            sequence,
            DateTimeOffset.UtcNow,
            request.Method,
            request.Path.Value ?? string.Empty,
            request.QueryString.Value?.TrimStart('?') ?? string.Empty,
            headers,
            body.Length == 0 ? null : body));

        var answer = await AnswerAsync(context, switches, rest);
        if (StatusOf(answer) is int status)
        {
            log.Answered(sequence, status);
        }

        return answer;
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, ReceiverSwitches switches, string? rest)
    {
        var request = context.Request;
        var segments = (rest ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var behaviour = segments.Length > 0 ? segments[0].ToLowerInvariant() : string.Empty;
        var argument = segments.Length > 1 ? segments[1] : null;
        var isGet = HttpMethods.IsGet(request.Method);
        var challenge = request.Headers[HookVerifier.ChallengeHeader].ToString();

        switch (behaviour)
        {
            case "ok":
                return Answer(isGet, challenge);
            case "wrong":
                return isGet ? Json(new JsonObject { ["verification"] = "not-the-challenge" }) : Results.Ok();
            case "nofield":
                return isGet ? Json(new JsonObject()) : Results.Ok();
            case "status" when int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var status)
                               && status is >= 200 and <= 599:
                return Results.StatusCode(status);
            // Verifies correctly, then fails every delivery: a receiver that broke after it was set up.
            case "failing" when int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var failure)
                                && failure is >= 200 and <= 599:
                return isGet ? Answer(isGet, challenge) : Results.StatusCode(failure);
            case "slow" when int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds):
                return await DelayAsync(TimeSpan.FromMilliseconds(milliseconds), context) ? Answer(isGet, challenge) : Results.Empty;

            // Answers as a test set it (ReceiverSwitches): down, hanging, back up; verifies throughout.
            case "switch" when argument is not null:
                if (isGet)
                {
                    return Answer(isGet, challenge);
                }

                var answer = switches.Next(argument);
                return answer != ReceiverSwitches.Hang
                    ? Results.StatusCode(answer)
                    : await DelayAsync(ReceiverSwitches.LongestHang, context) ? Results.StatusCode(504) : Results.Empty;
            case "html":
                return Results.Content("<html><body><h1>Not a hook endpoint</h1></body></html>", "text/html");
            default:
                return Results.NotFound();
        }
    }

    /// <summary>Waits; false when the caller gave up first (e.g. the verifier's 3-s timeout): nobody is left to answer.</summary>
    private static async Task<bool> DelayAsync(TimeSpan delay, HttpContext context)
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static int? StatusOf(IResult answer) => answer switch
    {
        OktaJsonResult json => json.StatusCode,
        IStatusCodeHttpResult status => status.StatusCode ?? 200,
        _ => null,
    };

    private static IResult Answer(bool isGet, string challenge) =>
        isGet ? Json(new JsonObject { ["verification"] = challenge }) : Results.Ok();

    private static OktaJsonResult Json(JsonObject body) => new(200, body);
}
