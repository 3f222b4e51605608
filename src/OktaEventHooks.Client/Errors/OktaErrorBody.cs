using System.Globalization;
using System.Linq;
using System.Net;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json;
using OktaEventHooks.Client.Http;

namespace OktaEventHooks.Client.Errors;

/// <summary>Reads a failed answer's body into an <see cref="OktaApiError"/>: Okta's error, an OAuth error, or neither.</summary>
internal static class OktaErrorBody
{
    public static OktaApiError Read(int status, string? contentType, string? content, string display, string? requestId, int attempts)
    {
        var error = new OktaApiError
        {
            StatusCode = (HttpStatusCode)status,
            RequestId = requestId,
            Request = display,
            Attempts = attempts,
        };

        JObject? body;
        try
        {
            body = string.IsNullOrWhiteSpace(content) ? null : JsonConvert.DeserializeObject(content!, JsonSettings.Reading) as JObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body != null && body["errorCode"] is JValue code && code.Type == JTokenType.String)
        {
            error.Kind = OktaFailureKind.OktaError;
            error.ErrorCode = (string?)code;
            error.ErrorSummary = Text(body["errorSummary"]);
            error.ErrorId = Text(body["errorId"]);
            error.ErrorLink = Text(body["errorLink"]);
            if (body["errorCauses"] is JArray causes)
            {
                foreach (var summary in causes.OfType<JObject>().Select(c => Text(c["errorSummary"])).Where(s => !string.IsNullOrWhiteSpace(s)))
                {
                    error.ErrorCauses.Add(summary!);
                }
            }
        }
        else if (body != null && body["error"] is JValue oauth && oauth.Type == JTokenType.String)
        {
            // OAuth errors use {"error", "error_description"}.
            error.Kind = OktaFailureKind.OktaError;
            error.ErrorCode = (string?)oauth;
            error.ErrorSummary = Text(body["error_description"]) ?? error.ErrorCode;
        }
        else
        {
            error.Kind = OktaFailureKind.UnexpectedResponse;
            var length = content?.Length ?? 0;
            error.ErrorSummary = length == 0
                ? "empty body"
                : string.Format(CultureInfo.InvariantCulture, "{0} body of {1} characters", string.IsNullOrEmpty(contentType) ? "untyped" : contentType, length);
        }

        return error;
    }

    /// <summary>A string value; anything else (an object where text was expected) is not taken as text.</summary>
    private static string? Text(JToken? token) => token is JValue value && value.Type == JTokenType.String ? (string?)value : null;
}
