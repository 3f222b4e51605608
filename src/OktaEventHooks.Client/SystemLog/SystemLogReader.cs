using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using System;
using Newtonsoft.Json;
using OktaEventHooks.Client.Errors;
using OktaEventHooks.Client.Http;

namespace OktaEventHooks.Client.SystemLog;

/// <summary>
/// Reads one bounded System Log query page by page, so a caller can pass each page on as it arrives and hold no more
/// than one. Follows Okta's <c>Link: rel="next"</c> URL (never builds a cursor), only to the org's own origin; stops
/// on the last page (no next link), on an empty page even if it links on (the shape of the polling trap), on a next
/// link that repeats the page just read, or once <see cref="SystemLogQuery.First"/> records are found.
/// </summary>
public sealed class SystemLogReader
{
    private readonly OktaHttpTransport _transport;
    private readonly SystemLogQuery _query;
    /// <summary>
    /// The most pages one window is read in: 2,000 of Okta's 1,000-record pages. An org whose paging never ends (a next
    /// link that changes on every page) is stopped here at the latest.
    /// </summary>
    public const int MaxPages = 2000;

    private readonly HashSet<string> _seenLinks = new HashSet<string>(StringComparer.Ordinal);
    private readonly HashSet<string> _seenRecords = new HashSet<string>(StringComparer.Ordinal);
    private Uri? _next;
    private DateTimeOffset? _reached;

    internal SystemLogReader(OktaHttpTransport transport, SystemLogQuery query)
    {
        _transport = transport;
        _query = query ?? throw new ArgumentNullException(nameof(query));
    }

    public SystemLogQuery Query => _query;

    /// <summary>True once no page is left to read.</summary>
    public bool Done { get; private set; }

    /// <summary>Why reading ended, in plain words; null while it goes on.</summary>
    public string? EndReason { get; private set; }

    public int PagesRead { get; private set; }

    /// <summary>Records Okta returned, before this module's own checks.</summary>
    public long RecordsRead { get; private set; }

    /// <summary>Records that matched and were returned.</summary>
    public long RecordsReturned { get; private set; }

    /// <summary>How much of the time window has been read, from 0 to 1 (by the <c>published</c> of the last record read).</summary>
    public double Covered
    {
        get
        {
            if (Done)
            {
                return 1;
            }

            if (_reached is not DateTimeOffset reached)
            {
                return 0;
            }

            var span = (_query.Until - _query.Since).Ticks;
            var read = _query.Newest ? (_query.Until - reached).Ticks : (reached - _query.Since).Ticks;
            return span <= 0 ? 1 : Math.Max(0, Math.Min(1, (double)read / span));
        }
    }

    /// <summary>The newest (or, with <see cref="SystemLogQuery.Newest"/>, oldest) time read so far.</summary>
    public DateTimeOffset? Reached => _reached;

    /// <summary>Reads the next page and returns the records of it that match; null when reading has ended.</summary>
    public async Task<IReadOnlyList<EventHookLogRecord>?> ReadPageAsync(CancellationToken cancellationToken)
    {
        if (Done)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var budget = _transport.NewBudget();
        OktaResponse response;
        try
        {
            response = _next == null
                ? await _transport.SendAsync(OktaEndpoints.ReadSystemLog.Method, _query.FirstPagePath(), null, null, safeToRepeat: true, budget, cancellationToken).ConfigureAwait(false)
                : await _transport.SendToLinkAsync(_next, budget, cancellationToken).ConfigureAwait(false);
        }
        catch (OktaApiException ex)
        {
            ex.Error.Scope ??= OktaEndpoints.ReadSystemLog.Scope;
            throw;
        }

        List<(EventHookLogRecord Record, DateTimeOffset? Published)> page;
        try
        {
            page = SystemLogJson.ReadPage(response.Content ?? string.Empty);
        }
        catch (JsonException ex)
        {
            throw new OktaApiException(
                new OktaApiError
                {
                    Kind = OktaFailureKind.UnexpectedResponse,
                    StatusCode = response.StatusCode,
                    RequestId = response.RequestId,
                    Request = "GET " + OktaEndpoints.ReadSystemLog.PathTemplate,
                    Scope = OktaEndpoints.ReadSystemLog.Scope,
                    ErrorSummary = "the System Log page is not the JSON Okta sends: " + ex.Message,
                },
                ex);
        }

        PagesRead++;
        RecordsRead += page.Count;
        CheckProgress(page);
        foreach (var (_, published) in page)
        {
            if (published is DateTimeOffset at && (_reached == null || (_query.Newest ? at < _reached : at > _reached)))
            {
                _reached = at;
            }
        }

        var matching = page.Where(r => _query.Matches(r.Record, r.Published)).Select(r => r.Record).ToList();
        if (_query.First is int first && RecordsReturned + matching.Count >= first)
        {
            matching = matching.Take((int)(first - RecordsReturned)).ToList();
            End($"the first {first} records were found");
        }

        RecordsReturned += matching.Count;
        if (!Done && page.Any(r => r.Published is DateTimeOffset at && (_query.Newest ? at < _query.Since : at >= _query.Until)))
        {
            End("records past the end of the window were reached");
        }

        if (!Done)
        {
            FollowOrEnd(response.NextLink, page.Count);
        }

        RequestTrace.Write(string.Format(
            CultureInfo.InvariantCulture,
            "System Log page {0}: {1} records, {2} kept; {3:0}% of the window read{4}.",
            PagesRead, page.Count, matching.Count, Covered * 100, Done ? "; done: " + EndReason : string.Empty));
        return matching;
    }

    /// <summary>
    /// Stops an org that pages without end: a page that repeats a record already read, a page whose records go back in
    /// time past what was read, or more than <see cref="MaxPages"/> pages. Each is an error: the records written so
    /// far are all the command can vouch for.
    /// </summary>
    private void CheckProgress(List<(EventHookLogRecord Record, DateTimeOffset? Published)> page)
    {
        string? problem = null;
        if (page.Any(r => r.Record.Uuid is string uuid && !_seenRecords.Add(uuid)))
        {
            problem = $"page {PagesRead} repeats records already read";
        }
        else if (_reached is DateTimeOffset reached
                 && page.Where(r => r.Published.HasValue).Select(r => r.Published!.Value).DefaultIfEmpty(reached) is var times
                 && (_query.Newest ? times.Min() > reached : times.Max() < reached))
        {
            problem = $"page {PagesRead} goes back in time to before the records already read";
        }
        else if (PagesRead > MaxPages)
        {
            problem = $"the window did not end after {MaxPages} pages";
        }

        if (problem != null)
        {
            End("the org's paging made no progress");
            throw new OktaApiException(new OktaApiError
            {
                Kind = OktaFailureKind.EndlessPaging,
                Request = "GET api/v1/logs",
                ErrorSummary = $"Reading the System Log stopped: {problem}, so the org's paging would never end. " +
                               $"The {RecordsReturned} records written so far are complete up to {(_reached is DateTimeOffset at ? SystemLogQuery.Iso(at) : "the start of the window")}",
                MayHaveReachedOkta = true,
            });
        }
    }

    private void FollowOrEnd(Uri? next, int recordsOnPage)
    {
        if (next != null && !string.Equals(next.AbsolutePath.TrimEnd('/'), "/api/v1/logs", StringComparison.Ordinal))
        {
            // Only the same path is paged; a link to anything else (a lifecycle call, another API) is never followed.
            End("the next link led to another path");
            throw new OktaApiException(new OktaApiError
            {
                Kind = OktaFailureKind.UntrustedLink,
                Request = "GET api/v1/logs",
                ErrorSummary = $"The org's next System Log page links to another path ({next.AbsolutePath.Split('?')[0]}), not to /api/v1/logs; the link was not followed, so nothing was sent there",
                MayHaveReachedOkta = false,
            });
        }

        if (next == null)
        {
            End("the last page of the window was read");
        }
        else if (recordsOnPage == 0)
        {
            // A bounded query ends; only a polling query links on from an empty page, and following that never stops.
            End("an empty page ends the window, though it linked to another");
        }
        else if (!_seenLinks.Add(next.AbsoluteUri))
        {
            End("the next link repeated one already read");
        }
        else
        {
            _next = next;
        }
    }

    private void End(string reason)
    {
        Done = true;
        EndReason = reason;
        _next = null;
    }
}
