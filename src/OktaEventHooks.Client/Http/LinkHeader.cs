using System;
using System.Collections.Generic;
using System.Linq;

namespace OktaEventHooks.Client.Http;

/// <summary>
/// Reads RFC 8288 <c>Link</c> headers (<c>&lt;url&gt;; rel="next"</c>), given as separate headers or joined with commas.
/// Okta pages its lists this way; the next page's URL is taken as given, never built.
/// </summary>
internal static class LinkHeader
{
    private static readonly char[] RelationSeparators = { ' ', '\t' };

    /// <summary>The URL of the link whose relation is <paramref name="relation"/>, resolved against <paramref name="requestUrl"/>; null when none.</summary>
    public static Uri? Find(IEnumerable<string?> values, string relation, Uri requestUrl)
    {
        foreach (var value in values.Where(v => !string.IsNullOrEmpty(v)))
        {
            foreach (var (target, parameters) in Parse(value!))
            {
                if (HasRelation(parameters, relation) && Uri.TryCreate(requestUrl, target, out var url))
                {
                    return url;
                }
            }
        }

        return null;
    }

    // "<a>; rel=next, <b>; rel="self last"": a comma inside <...> or a quoted value does not end a link.
    private static IEnumerable<(string Target, string Parameters)> Parse(string value)
    {
        var i = 0;
        while (i < value.Length)
        {
            var open = value.IndexOf('<', i);
            if (open < 0)
            {
                yield break;
            }

            var close = value.IndexOf('>', open + 1);
            if (close < 0)
            {
                yield break;
            }

            var target = value.Substring(open + 1, close - open - 1).Trim();
            var end = close + 1;
            var quoted = false;
            while (end < value.Length && (quoted || value[end] != ','))
            {
                if (value[end] == '"')
                {
                    quoted = !quoted;
                }

                end++;
            }

            yield return (target, value.Substring(close + 1, end - close - 1));
            i = end + 1;
        }
    }

    private static bool HasRelation(string parameters, string relation)
    {
        foreach (var parameter in parameters.Split(';'))
        {
            var equals = parameter.IndexOf('=');
            if (equals < 0 || !string.Equals(parameter.Substring(0, equals).Trim(), "rel", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // rel may hold several relation types separated by spaces.
            var types = parameter.Substring(equals + 1).Trim().Trim('"').Split(RelationSeparators, StringSplitOptions.RemoveEmptyEntries);
            if (types.Any(t => string.Equals(t, relation, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
