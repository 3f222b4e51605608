using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Admin;

namespace OktaEventHooks.Sandbox.Faults;

/// <summary>
/// Reads a fault rule from the JSON posted to <c>/sandbox/faults</c>. Strict on purpose: an unknown field,
/// a wrong type or a field that means nothing for the mode is refused, because a fault that silently does
/// something other than what the test author wrote would make the test prove nothing.
/// </summary>
internal static class FaultSpecParser
{
    public const double MaxHangSeconds = 3600;

    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "mode", "status", "oktaBody", "seconds", "when", "method", "pathPrefix", "pathExact", "count", "share", "seed", "location",
    };

    public static (FaultSpec? Spec, string? Problem) Parse(JsonObject json)
    {
        if (json.Select(p => p.Key).FirstOrDefault(k => !KnownFields.Contains(k)) is { } unknown)
        {
            return Fail($"Unknown field '{unknown}'.");
        }

        if (!AdminJson.TryGetString(json["mode"], out var modeText) || !TryParseEnum<FaultMode>(modeText, out var mode))
        {
            return Fail("'mode' must be one of status, hang, reset, html, truncated, redirect, echo.");
        }

        // Truncation needs the real body, so it can only ever happen after the request was processed.
        var when = mode == FaultMode.Truncated ? FaultTiming.After : FaultTiming.Before;
        if (json.ContainsKey("when"))
        {
            if (!AdminJson.TryGetString(json["when"], out var whenText) || !TryParseEnum(whenText, out when))
            {
                return Fail("'when' must be before or after.");
            }

            if (mode == FaultMode.Truncated && when != FaultTiming.After)
            {
                return Fail("A truncated body only exists after the request was processed: 'when' must be after.");
            }
        }

        int? status = null;
        var oktaBody = false;
        if (mode == FaultMode.Status)
        {
            status = 503;
            if (json.ContainsKey("status"))
            {
                if (!AdminJson.TryGetInt(json["status"], out var code) || code is < 400 or > 599)
                {
                    return Fail("'status' must be an integer from 400 to 599.");
                }

                status = code;
            }

            if (json.ContainsKey("oktaBody") && !AdminJson.TryGetBool(json["oktaBody"], out oktaBody))
            {
                return Fail("'oktaBody' must be true or false.");
            }
        }
        else if (json.ContainsKey("status") || json.ContainsKey("oktaBody"))
        {
            return Fail("'status' and 'oktaBody' apply only to mode status.");
        }

        double? seconds = null;
        if (mode == FaultMode.Hang)
        {
            if (!AdminJson.TryGetDouble(json["seconds"], out var hold) || hold is <= 0 or > MaxHangSeconds)
            {
                return Fail($"Mode hang needs 'seconds', a number above 0 and at most {MaxHangSeconds}.");
            }

            seconds = hold;
        }
        else if (json.ContainsKey("seconds"))
        {
            return Fail("'seconds' applies only to mode hang.");
        }

        string? location = null;
        if (mode == FaultMode.Redirect)
        {
            // Only a header value: the sandbox itself never follows it.
            if (!AdminJson.TryGetString(json["location"], out location) || !Uri.TryCreate(location, UriKind.Absolute, out _))
            {
                return Fail("Mode redirect needs 'location', an absolute URL.");
            }
        }
        else if (json.ContainsKey("location"))
        {
            return Fail("'location' applies only to mode redirect.");
        }

        var (method, methodProblem) = ParseFilter(json, "method");
        var (pathPrefix, prefixProblem) = ParseFilter(json, "pathPrefix");
        var (pathExact, exactProblem) = ParseFilter(json, "pathExact");
        if ((methodProblem ?? prefixProblem ?? exactProblem) is { } filterProblem)
        {
            return Fail(filterProblem);
        }

        var (count, share, seed, selectionProblem) = ParseSelection(json);
        if (selectionProblem is not null)
        {
            return Fail(selectionProblem);
        }

        return (new FaultSpec(
            mode,
            when,
            status,
            oktaBody,
            seconds,
            method?.ToUpperInvariant(),
            pathPrefix,
            pathExact,
            count,
            share,
            seed,
            location), null);
    }

    private static (int? Count, double? Share, int? Seed, string? Problem) ParseSelection(JsonObject json)
    {
        if (json.ContainsKey("count") && json.ContainsKey("share"))
        {
            return (null, null, null, "Give either 'count' or 'share', not both.");
        }

        if (json.ContainsKey("share"))
        {
            if (!AdminJson.TryGetDouble(json["share"], out var share) || share is < 0 or > 1)
            {
                return (null, null, null, "'share' must be a number from 0 to 1.");
            }

            // Without a seed, pick one and report it in the rule, so an interesting run can be replayed.
            var seed = Random.Shared.Next();
            if (json.ContainsKey("seed") && !AdminJson.TryGetInt(json["seed"], out seed))
            {
                return (null, null, null, "'seed' must be an integer.");
            }

            return (null, share, seed, null);
        }

        if (json.ContainsKey("seed"))
        {
            return (null, null, null, "'seed' applies only together with 'share'.");
        }

        var count = 1;
        if (json.ContainsKey("count") && (!AdminJson.TryGetInt(json["count"], out count) || count < 1))
        {
            return (null, null, null, "'count' must be an integer of at least 1.");
        }

        return (count, null, null, null);
    }

    private static (string? Value, string? Problem) ParseFilter(JsonObject json, string name)
    {
        if (!json.ContainsKey(name) || json[name] is null)
        {
            return (null, null);
        }

        if (!AdminJson.TryGetString(json[name], out var value) || value.Length == 0)
        {
            return (null, $"'{name}' must be a non-empty string.");
        }

        return name != "method" && !value.StartsWith('/')
            ? (null, $"'{name}' must start with '/', e.g. /api/v1/eventHooks.")
            : (value, null);
    }

    // Names only: Enum.TryParse would also take "1" or "status,hang".
    private static bool TryParseEnum<T>(string text, out T value)
        where T : struct, Enum
    {
        var name = Enum.GetNames<T>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        value = name is null ? default : Enum.Parse<T>(name);
        return name is not null;
    }

    private static (FaultSpec? Spec, string? Problem) Fail(string problem) => (null, problem);
}
