using System;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace OktaEventHooks;

/// <summary>
/// One import into an org at a time on this machine (any PowerShell of this user): two at once would each find a hook
/// missing and both create it. A machine-wide named mutex, held for the writing part of Import-OktaEventHook; a second
/// import finds it taken and stops before it changes anything.
/// </summary>
internal sealed class ImportLock : IDisposable
{
    private readonly Mutex _mutex;

    private ImportLock(Mutex mutex) => _mutex = mutex;

    /// <summary>Takes the lock of <paramref name="orgUrl"/>, or ends <paramref name="cmdlet"/> with ImportInProgress.</summary>
    public static ImportLock Take(PSCmdlet cmdlet, Uri orgUrl)
    {
        string name;
        using (var sha = SHA256.Create())
        {
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(orgUrl.GetLeftPart(UriPartial.Authority).ToLowerInvariant()));
            name = "OktaEventHooks.Import." + BitConverter.ToString(hash, 0, 12).Replace("-", string.Empty);
        }

        var mutex = new Mutex(false, name);
        bool taken;
        try
        {
            taken = mutex.WaitOne(TimeSpan.Zero);
        }
        catch (AbandonedMutexException)
        {
            taken = true; // the import that held it ended without letting go (its process was killed)
        }

        if (!taken)
        {
            mutex.Dispose();
            cmdlet.ThrowTerminatingError(OktaErrorRecord.Create(
                "ImportInProgress",
                ErrorCategory.ResourceBusy,
                orgUrl,
                $"Another Import-OktaEventHook into {orgUrl.GetLeftPart(UriPartial.Authority)} is running on this machine; two at once could create a hook twice. Nothing was changed.",
                "Wait for the other import to finish, then run this one again (with -DetectOnly to see what is left to do)."));
        }

        return new ImportLock(mutex);
    }

    public void Dispose()
    {
        _mutex.ReleaseMutex();
        _mutex.Dispose();
    }
}
