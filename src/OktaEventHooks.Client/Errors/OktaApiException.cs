using System;
using System.Globalization;
using System.Text;

namespace OktaEventHooks.Client.Errors;

/// <summary>A request to Okta failed. The message is built from Okta's answer only, so it never holds a secret.</summary>
[Serializable]
public sealed class OktaApiException : Exception
{
    public OktaApiException(OktaApiError error, Exception? innerException = null)
        : base(Describe(error), innerException)
    {
        Error = error;
    }

    public OktaApiError Error { get; }

    private static string Describe(OktaApiError error)
    {
        var text = new StringBuilder();
        switch (error.Kind)
        {
            case OktaFailureKind.OktaError:
                text.Append(error.ErrorSummary ?? "Okta returned an error.");
                break;
            case OktaFailureKind.UnexpectedResponse:
                text.Append("Okta answered HTTP ")
                    .Append(((int?)error.StatusCode)?.ToString(CultureInfo.InvariantCulture) ?? "?")
                    .Append(" with a body that is not the JSON Okta sends (")
                    .Append(error.ErrorSummary ?? "empty body")
                    .Append("). A proxy or gateway may be in the way.");
                break;
            case OktaFailureKind.Timeout:
                text.Append(error.ErrorSummary ?? "The request timed out.");
                break;
            case OktaFailureKind.Network:
                text.Append("Could not reach Okta: ").Append(error.ErrorSummary ?? "connection failed").Append('.');
                break;
            case OktaFailureKind.RateLimitExhausted:
                text.Append(error.ErrorSummary ?? "API call exceeded rate limit due to too many requests.");
                break;
            case OktaFailureKind.UntrustedLink:
            case OktaFailureKind.UnaddressableHook:
            case OktaFailureKind.EndlessPaging:
            case OktaFailureKind.AnswerTooLarge:
                text.Append(error.ErrorSummary).Append('.');
                break;
            default:
                text.Append(error.ErrorSummary ?? "The request failed.");
                break;
        }

        foreach (var cause in error.ErrorCauses)
        {
            text.Append(' ').Append(cause.TrimEnd('.')).Append('.');
        }

        var facts = new StringBuilder();
        if (error.ErrorCode != null)
        {
            facts.Append(error.ErrorCode);
        }

        if (error.StatusCode != null)
        {
            facts.Append(facts.Length > 0 ? ", " : string.Empty)
                 .Append("HTTP ").Append(((int)error.StatusCode.Value).ToString(CultureInfo.InvariantCulture));
        }

        if (error.Attempts > 1)
        {
            facts.Append(facts.Length > 0 ? ", " : string.Empty)
                 .Append(error.Attempts.ToString(CultureInfo.InvariantCulture)).Append(" attempts");
        }

        if (!string.IsNullOrEmpty(error.Request))
        {
            facts.Append(facts.Length > 0 ? ", " : string.Empty).Append(error.Request);
        }

        if (error.RequestId != null)
        {
            facts.Append(facts.Length > 0 ? ", " : string.Empty).Append("X-Okta-Request-Id ").Append(error.RequestId);
        }

        if (facts.Length > 0)
        {
            text.Append(" (").Append(facts).Append(')');
        }

        return text.ToString();
    }
}
