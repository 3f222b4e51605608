using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace OktaEventHooks.Client.Errors;

/// <summary>
/// Removes secrets from text that came from a server or a library (an error summary, an exception message) before it
/// can become part of a message: the secrets the caller knows, and anything shaped like a credential.
/// </summary>
public static class SecretScrubber
{
    public const string Mask = "***";

    /// <summary>A signed JWT (header.payload[.signature]) or a credential after an HTTP auth scheme word.</summary>
    private static readonly Regex CredentialShapes = new Regex(
        @"eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}(\.[A-Za-z0-9_\-]*)?|(?<scheme>\b(?:SSWS|Bearer|DPoP|Basic)\s+)(?=[^\s""',;]*[0-9+/=_\-])[^\s""',;]{8,}",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase,
        TimeSpan.FromSeconds(1));

    private static readonly Regex RequestIdShape = new Regex(@"^[A-Za-z0-9_\-]{1,64}$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Control characters but the tab shown as U+XXXX: text from a server (an errorSummary with ESC, CR or LF) must
    /// not clear the screen, move the cursor or print a fake prompt.
    /// </summary>
    public static string? WithControlsEscaped(string? text)
    {
        if (text == null || !text.Any(IsEscaped))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsEscaped(c))
            {
                escaped.Append("U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static bool IsEscaped(char c) => char.IsControl(c) && c != '\t';

    /// <summary><paramref name="text"/> with every known secret (and its part after a scheme word) and every credential shape masked.</summary>
    public static string? Scrub(string? text, IEnumerable<string?>? secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = text!;
        foreach (var secret in Expand(secrets))
        {
            result = result.Replace(secret, Mask);
        }

        try
        {
            return CredentialShapes.Replace(result, m => m.Groups["scheme"].Success ? m.Groups["scheme"].Value + Mask : Mask);
        }
        catch (RegexMatchTimeoutException)
        {
            return "(a message was withheld because it could not be checked for secrets)";
        }
    }

    /// <summary>
    /// A request id as a server sent it, fit to show: null when there is none or when it is not shaped like one
    /// (Okta's are short runs of letters, digits, '-' and '_'; a gateway that echoes a header there sends anything).
    /// </summary>
    public static string? RequestId(string? id, params string?[] secrets)
    {
        if (id == null || !RequestIdShape.IsMatch(id))
        {
            return null;
        }

        // Its shape has no dot and no space, so no credential shape can match it: only the known secrets are looked for
        // (without Expand's sorted list: every answer's id comes through here).
        foreach (var secret in secrets ?? Array.Empty<string?>())
        {
            foreach (var part in PartsOf(secret))
            {
                if (id.IndexOf(part, StringComparison.Ordinal) >= 0)
                {
                    return null;
                }
            }
        }

        return id;
    }

    /// <summary>Each secret, and for "Scheme value" also the value alone; longest first so a part never hides the whole.</summary>
    private static IEnumerable<string> Expand(IEnumerable<string?>? secrets) =>
        (secrets ?? Array.Empty<string?>())
            .SelectMany(PartsOf)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length);

    /// <summary>
    /// What is looked for of one secret: the secret, and for "Scheme value" also the value alone; a blank part is left
    /// out, a short one is not (however short: a 3-character secret echoed back is still the secret).
    /// </summary>
    private static IEnumerable<string> PartsOf(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret!.Trim().Length == 0)
        {
            yield break;
        }

        yield return secret;
        var space = secret.IndexOf(' ');
        if (space > 0 && secret.Substring(space + 1).Trim().Length > 0)
        {
            yield return secret.Substring(space + 1);
        }
    }
}
