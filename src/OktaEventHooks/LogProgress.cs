using System.Globalization;
using System.Management.Automation;
using System;
using OktaEventHooks.Client.SystemLog;

namespace OktaEventHooks;

/// <summary>
/// Progress of a System Log read (or of work done while reading, such as a resend), as the share of its time window
/// read so far (by the time of the last record read).
/// Shown only to a person, by the same rule as <see cref="HookProgress"/> (no bar in the Default Host of an embedded
/// runspace or a non-interactive session), and only when a second page is needed; WriteProgress honours $ProgressPreference.
/// </summary>
internal sealed class LogProgress
{
    private const string ReadingActivity = "Reading the System Log";
    private const int ActivityId = 4714;

    private readonly PSCmdlet _cmdlet;
    private readonly string _activity;
    private readonly bool _interactive;
    private bool _shown;

    public LogProgress(PSCmdlet cmdlet, string activity = ReadingActivity)
    {
        _cmdlet = cmdlet;
        _activity = activity;
        _interactive = HookProgress.IsInteractive(cmdlet);
    }

    /// <summary>Reports the reader's position after a page; <paramref name="done"/> says what was done with the records, if more than reading.</summary>
    public void Update(SystemLogReader reader, string? done = null)
    {
        if (!_interactive || reader.Done)
        {
            return;
        }

        _shown = true;
        var status = string.Format(
            CultureInfo.CurrentCulture,
            "{0} records, read {1} {2:g} ({3} pages){4}",
            reader.RecordsReturned,
            reader.Query.Newest ? "back to" : "up to",
            reader.Reached?.LocalDateTime,
            reader.PagesRead,
            done == null ? string.Empty : "; " + done);
        _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, status) { PercentComplete = (int)Math.Floor(reader.Covered * 100) });
    }

    /// <summary>Clears the bar at the end of the command, if one was shown.</summary>
    public void Complete()
    {
        if (_shown)
        {
            _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
            _shown = false;
        }
    }
}
