# Desired state: export from the suite's sandbox org, import into a second, empty sandbox org started here.

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    Import-Module (Join-Path $PSScriptRoot '../tools/Sandbox.psm1') -Force
    $dll = Get-SandboxDllPath
    $script:target = Start-OktaSandbox -SandboxDll $dll

    function Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
    function Get-TargetRequestLog { $log = Invoke-RestMethod -Uri "$($target.BaseUrl)/sandbox/requests"; @($log) }
    function Get-TargetWriteRequest { @(Get-TargetRequestLog | Where-Object method -ne 'GET') }
    function Clear-TargetRequestLog { $null = Invoke-RestMethod -Method Delete -Uri "$($target.BaseUrl)/sandbox/requests" }
    function Get-TargetStoredHook([string] $Id) { Invoke-RestMethod -Uri "$($target.BaseUrl)/sandbox/eventHooks/$Id" }
    # Edits the exported file as an admin would, through its JSON.
    function Edit-HookFile([string] $Path, [scriptblock] $Change) {
        $document = Get-Content -LiteralPath $Path -Raw | ConvertFrom-Json
        & $Change $document
        $document | ConvertTo-Json -Depth 20 | Set-Content -LiteralPath $Path
    }
}
AfterAll {
    if ($target) { Stop-OktaSandbox $target }
    Stop-TestSandbox
}

Describe 'Import-OktaEventHook' {
    BeforeEach {
        Reset-TestSandbox
        $null = Invoke-RestMethod -Method Post -Uri "$($target.BaseUrl)/sandbox/reset"
        $script:source = Connect-TestSandbox -PassThru
        $script:destination = Connect-OktaOrg -OrgUrl $target.BaseUrl -ApiToken (Secret $target.ApiToken) -PassThru
        Connect-TestSandbox

        $null = New-TestHook -Name 'HR sync' -EventType user.lifecycle.deactivate, group.user_membership.add -Secret 'Basic hr-secret' `
            -Header @{ 'X-Tenant' = 'emea' } -Filter @{ 'group.user_membership.add' = "event.target.?[displayName eq 'HR'].size() > 0" }
        $null = New-TestHook -Name 'Audit' -EventType user.session.start -Secret 'Bearer audit-secret'
        $null = New-TestHook -Name 'Plain' | Disable-OktaEventHook -PassThru
        $script:path = Join-Path $TestDrive "hooks-$([guid]::NewGuid().ToString('N')).json"
        Export-OktaEventHook -Path $path -Connection $source
        $script:secrets = @{ 'HR sync' = (Secret 'Basic hr-secret'); 'Audit' = (Secret 'Bearer audit-secret') }
    }

    It 'reproduces every hook in an empty org, secrets included' {
        Import-OktaEventHook -Path $path -AuthHeaderValue $secrets -Connection $destination -WarningAction SilentlyContinue
        $copied = Get-OktaEventHook -Connection $destination
        $copied.Name | Sort-Object | Should -Be @('Audit', 'HR sync', 'Plain')
        $original = Get-OktaEventHook -Connection $source
        foreach ($hook in $copied) {
            $from = $original | Where-Object Name -eq $hook.Name
            $hook.Uri | Should -Be $from.Uri
            $hook.EventTypes | Should -Be $from.EventTypes
            $hook.Status | Should -Be $from.Status
            $hook.AuthHeaderName | Should -Be $from.AuthHeaderName
            ($hook.Headers | ConvertTo-Json) | Should -Be ($from.Headers | ConvertTo-Json)
            ($hook.Filter | ConvertTo-Json) | Should -Be ($from.Filter | ConvertTo-Json)
        }
        (Get-TargetStoredHook ($copied | Where-Object Name -eq 'HR sync').Id).channel.config.authScheme.value | Should -Be 'Basic hr-secret'
        (Get-TargetStoredHook ($copied | Where-Object Name -eq 'Audit').Id).channel.config.authScheme.value | Should -Be 'Bearer audit-secret'
    }

    It 'sends no write on a second run' {
        Import-OktaEventHook -Path $path -AuthHeaderValue $secrets -Connection $destination -WarningAction SilentlyContinue
        Clear-TargetRequestLog
        Import-OktaEventHook -Path $path -AuthHeaderValue $secrets -Connection $destination -Prune -WarningAction SilentlyContinue
        Get-TargetWriteRequest | Should -BeNullOrEmpty
        (Get-TargetRequestLog).method | Should -Be 'GET'
    }

    It 'updates only the hook that changed in the file, field by field' {
        Import-OktaEventHook -Path $path -AuthHeaderValue $secrets -Connection $destination -WarningAction SilentlyContinue
        $plain = Get-OktaEventHook -Name 'Plain' -Connection $destination
        Edit-HookFile $path { param($d) ($d.eventHooks | Where-Object name -eq 'Plain').events.items += 'user.session.start' }
        Clear-TargetRequestLog

        $drift = Import-OktaEventHook -Path $path -Connection $destination -DetectOnly
        ($drift | Where-Object Name -eq 'Plain').Action | Should -Be 'Update'
        ($drift | Where-Object Name -eq 'Plain').Changes | Should -Be 'EventTypes: +user.session.start'
        ($drift | Where-Object Name -ne 'Plain').Action | Sort-Object -Unique | Should -Be 'None'
        Get-TargetWriteRequest | Should -BeNullOrEmpty -Because '-DetectOnly writes nothing'

        Import-OktaEventHook -Path $path -Connection $destination -WarningAction SilentlyContinue
        $writes = Get-TargetWriteRequest
        $writes.method | Should -Be 'PUT'
        $writes.path | Should -Be "/api/v1/eventHooks/$($plain.Id)"
        (Get-OktaEventHook -Id $plain.Id -Connection $destination).EventTypes | Should -Be @('user.lifecycle.create', 'user.session.start')
    }

    It 'changes the status with the lifecycle call only' {
        Import-OktaEventHook -Path $path -AuthHeaderValue $secrets -Connection $destination -WarningAction SilentlyContinue
        $hr = Get-OktaEventHook -Name 'HR sync' -Connection $destination
        Edit-HookFile $path { param($d) ($d.eventHooks | Where-Object name -eq 'HR sync').status = 'INACTIVE' }
        Clear-TargetRequestLog

        Import-OktaEventHook -Path $path -Connection $destination
        (Get-TargetWriteRequest).path | Should -Be "/api/v1/eventHooks/$($hr.Id)/lifecycle/deactivate"
        (Get-OktaEventHook -Id $hr.Id -Connection $destination).Status | Should -Be 'INACTIVE'
    }

    It 'deletes hooks missing from the file only with -Prune, deactivating them first' {
        Import-OktaEventHook -Path $path -AuthHeaderValue $secrets -Connection $destination -WarningAction SilentlyContinue
        $audit = Get-OktaEventHook -Name 'Audit' -Connection $destination
        Edit-HookFile $path { param($d) $d.eventHooks = @($d.eventHooks | Where-Object name -ne 'Audit') }
        Clear-TargetRequestLog

        Import-OktaEventHook -Path $path -Connection $destination
        Get-TargetWriteRequest | Should -BeNullOrEmpty
        (Import-OktaEventHook -Path $path -Connection $destination -DetectOnly | Where-Object Name -eq 'Audit').Action | Should -Be 'None'
        (Import-OktaEventHook -Path $path -Connection $destination -DetectOnly -Prune | Where-Object Name -eq 'Audit').Action | Should -Be 'Remove'
        Get-TargetWriteRequest | Should -BeNullOrEmpty

        Import-OktaEventHook -Path $path -Connection $destination -Prune
        (Get-TargetWriteRequest) | ForEach-Object { "$($_.method) $($_.path)" } |
            Should -Be @("POST /api/v1/eventHooks/$($audit.Id)/lifecycle/deactivate", "DELETE /api/v1/eventHooks/$($audit.Id)")
        (Get-OktaEventHook -Connection $destination).Name | Sort-Object | Should -Be @('HR sync', 'Plain')
    }

    It 'refuses to create a hook with an auth header without its secret, and writes nothing for it' {
        Import-OktaEventHook -Path $path -AuthHeaderValue @{ 'HR sync' = (Secret 'Basic hr-secret') } -Connection $destination `
            -ErrorAction SilentlyContinue -ErrorVariable failure -WarningAction SilentlyContinue
        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -Be 'AuthHeaderValueRequired,OktaEventHooks.Commands.ImportOktaEventHookCommand'
        $failure[0].TargetObject | Should -Be 'Audit'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match "-AuthHeaderValue @\{ 'Audit' = <SecureString> \}"
        (Get-OktaEventHook -Connection $destination).Name | Sort-Object | Should -Be @('HR sync', 'Plain')
    }

    It 'prints the plan with -WhatIf and sends no write' {
        Clear-TargetRequestLog
        $text = Get-HostText { Import-OktaEventHook -Path $path -AuthHeaderValue $secrets -Connection $destination -WhatIf }
        Get-TargetWriteRequest | Should -BeNullOrEmpty
        $text | Should -Match 'What if: .*Create event hook: Name: .*Uri: .*EventTypes: \+user\.lifecycle\.deactivate \+group\.user_membership\.add.*AuthHeader: Authorization added \(value \*\*\*\)'
        $text | Should -Match 'Plain'
        $text | Should -Not -Match 'hr-secret'
    }

    It 'refuses a file of another schema version and changes nothing' {
        Edit-HookFile $path { param($d) $d.schemaVersion = 2 }
        { Import-OktaEventHook -Path $path -Connection $destination } | Should -Throw -ErrorId 'InvalidEventHookFile,*'
        Get-TargetWriteRequest | Should -BeNullOrEmpty
    }

    It 'refuses a file with an endpoint Okta would refuse before writing anything' {
        Edit-HookFile $path { param($d) $d.eventHooks[1].channel.config.uri = 'http://hooks.example.com/x' }
        { Import-OktaEventHook -Path $path -AuthHeaderValue $secrets -Connection $destination } | Should -Throw -ErrorId 'InvalidEventHookFile,*'
        Get-TargetWriteRequest | Should -BeNullOrEmpty
    }

    It 'outputs drift objects with -DetectOnly for an empty org' {
        $drift = Import-OktaEventHook -Path $path -Connection $destination -DetectOnly
        $drift | Should -HaveCount 3
        $drift[0] | Should -BeOfType ([OktaEventHooks.EventHookDrift])
        $drift.Action | Sort-Object -Unique | Should -Be 'Create'
        Get-TargetWriteRequest | Should -BeNullOrEmpty
    }

    It 'gives Changes the room a long hook name would take, at <Width> columns' -TestCases @(
        @{ Width = 80 }
        @{ Width = 120 }
    ) {
        $long = 'Finance and HR joiners, movers and leavers to the SIEM of the EMEA region'   # 73 characters
        $null = New-TestHook -Name $long -EventType user.lifecycle.create, user.lifecycle.deactivate, group.user_membership.add
        Export-OktaEventHook -Path $path -Connection $source
        $drift = Import-OktaEventHook -Path $path -AuthHeaderValue $secrets -Connection $destination -DetectOnly
        $lines = @(($drift | Format-Table | Out-String -Width $Width) -split "`r?`n" | Where-Object { $_.Trim() })
        $changesAt = $lines[0].IndexOf('Changes')
        $changesAt | Should -BeGreaterThan 0
        $changesAt | Should -BeLessOrEqual 45
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual $Width }
        ($lines -join "`n") | Should -Match "EventTypes:"
    }
}

Describe 'Import-OktaEventHook -Prune and an empty or failing plan' {
    BeforeAll {
        $script:folder = Join-Path ([IO.Path]::GetTempPath()) "oktaeh-prune-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory -Path $folder
    }
    AfterAll { Remove-Item -LiteralPath $folder -Recurse -Force }
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:active = New-TestHook -Name 'Keep me'
        $script:other = New-TestHook -Name 'Keep me too' -Secret 'Bearer other-secret'
        Clear-SandboxRequestLog
    }

    It 'refuses a prune that would delete every hook of the org (a file that lists none), changing nothing' {
        $empty = Join-Path $folder 'empty.json'
        '{ "schemaVersion": 1, "eventHooks": [] }' | Set-Content -LiteralPath $empty
        $failure = Get-TerminatingError { Import-OktaEventHook -Path $empty -Prune -Confirm:$false }
        $failure.FullyQualifiedErrorId | Should -BeLike 'PruneNeedsForce,*'
        $failure.Exception.Message | Should -Match 'every|2 of the org''s 2'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        @(Get-OktaEventHook).Count | Should -Be 2
    }

    It 'prunes every hook only with -Force' {
        $empty = Join-Path $folder 'empty.json'
        '{ "schemaVersion": 1, "eventHooks": [] }' | Set-Content -LiteralPath $empty
        $results = Import-OktaEventHook -Path $empty -Prune -Force -Confirm:$false
        ($results | Where-Object Action -eq 'Remove').Result | Should -Be @('Done', 'Done')
        @(Get-OktaEventHook) | Should -BeNullOrEmpty
    }

    It 'does not write an empty file when -Name matches nothing' {
        $typo = Join-Path $folder 'typo.json'
        Export-OktaEventHook -Path $typo -Name 'typo*' -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'EventHookExportEmpty,*'
        Test-Path -LiteralPath $typo | Should -BeFalse
    }

    It 'stops before pruning once a create of the same run failed, so the renamed hook keeps its old copy and secret' {
        # The file renames 'Keep me too' (which has a secret) to 'Renamed'; the create needs the secret and fails.
        $file = Join-Path $folder 'rename.json'
        Export-OktaEventHook -Path $file
        $document = Get-Content -LiteralPath $file -Raw | ConvertFrom-Json
        ($document.eventHooks | Where-Object name -eq 'Keep me too').name = 'Renamed'
        $document | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $file
        Clear-SandboxRequestLog
        $results = Import-OktaEventHook -Path $file -Prune -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures
        ($failures.FullyQualifiedErrorId -join ' ') | Should -Match 'AuthHeaderValueRequired'
        ($failures.FullyQualifiedErrorId -join ' ') | Should -Match 'PruneSkippedAfterFailure'
        ($results | Where-Object Name -eq 'Keep me too').Result | Should -Be 'Skipped'
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
        (Get-OktaEventHook -Id $other.Id).Name | Should -Be 'Keep me too'
    }

    It 'checks the whole file with the rules of New and Set before the first write (<Case>)' -TestCases @(
        @{ Case = 'a filter on an unsubscribed type'; Edit = { param($h) $h.events | Add-Member -NotePropertyName filter -NotePropertyValue ([pscustomobject]@{ type = 'EXPRESSION_LANGUAGE'; eventFilterMap = @([pscustomobject]@{ event = 'user.session.start'; condition = [pscustomobject]@{ expression = 'true' } }) }) -Force } }
        @{ Case = 'a blank header key'; Edit = { param($h) $h.channel.config | Add-Member -NotePropertyName headers -NotePropertyValue @([pscustomobject]@{ key = ' '; value = 'v' }) -Force } }
        @{ Case = 'an invalid auth header name'; Edit = { param($h) $h.channel.config | Add-Member -NotePropertyName authScheme -NotePropertyValue ([pscustomobject]@{ type = 'HEADER'; key = 'X Key'; value = 'x' }) -Force } }
        @{ Case = 'whitespace in an event type'; Edit = { param($h) $h.events.items = @('user.lifecycle.create', 'user. session') } }
    ) {
        $file = Join-Path $folder 'rules.json'
        Export-OktaEventHook -Path $file
        $document = Get-Content -LiteralPath $file -Raw | ConvertFrom-Json
        $document.eventHooks += [pscustomobject]@{ name = 'New one'; status = 'ACTIVE'; events = [pscustomobject]@{ type = 'EVENT_TYPE'; items = @('user.lifecycle.create') }; channel = [pscustomobject]@{ type = 'HTTP'; version = '1.0.0'; config = [pscustomobject]@{ uri = (Get-ReceiverUri ok 'new') } } }
        & $Edit $document.eventHooks[-1]
        $document | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $file
        Clear-SandboxRequestLog
        $failure = Get-TerminatingError { Import-OktaEventHook -Path $file -Prune -Force -Confirm:$false }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidEventHookFile,*'
        $failure.Exception.Message | Should -Match "hook 'New one'"
        Get-SandboxWriteRequest | Should -BeNullOrEmpty
    }

    It 'reports what it created, updated, removed and left alone' {
        $file = Join-Path $folder 'outcome.json'
        Export-OktaEventHook -Path $file -Name 'Keep me'
        $document = Get-Content -LiteralPath $file -Raw | ConvertFrom-Json
        $document.eventHooks[0] | Add-Member -NotePropertyName description -NotePropertyValue 'changed' -Force
        $document.eventHooks += [pscustomobject]@{ name = 'Added'; status = 'ACTIVE'; events = [pscustomobject]@{ type = 'EVENT_TYPE'; items = @('user.lifecycle.create') }; channel = [pscustomobject]@{ type = 'HTTP'; version = '1.0.0'; config = [pscustomobject]@{ uri = (Get-ReceiverUri ok 'added') } } }
        $document | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $file
        $results = Import-OktaEventHook -Path $file -Prune -Confirm:$false
        ($results | Where-Object Name -eq 'Keep me') | ForEach-Object { $_.Action, $_.Result } | Should -Be @('Update', 'Done')
        ($results | Where-Object Name -eq 'Added') | ForEach-Object { $_.Action, $_.Result } | Should -Be @('Create', 'Done')
        ($results | Where-Object Name -eq 'Keep me too') | ForEach-Object { $_.Action, $_.Result } | Should -Be @('Remove', 'Done')
    }
}

Describe 'Two imports into one org at once' {
    It 'lets one run and stops the other before it changes anything, so no hook is created twice' {
        Reset-TestSandbox
        Connect-TestSandbox
        $file = Join-Path $TestDrive "twice-$([guid]::NewGuid().ToString('N')).json"
        $null = New-TestHook -Name 'Once'
        Export-OktaEventHook -Path $file
        Reset-TestSandbox
        Clear-SandboxRequestLog
        # The first import's create is held by the org for a while; the second starts meanwhile.
        Add-SandboxFault @{ mode = 'hang'; seconds = 3; count = 1; method = 'POST' }
        $first = [powershell]::Create()
        $module = Join-Path (Get-Module OktaEventHooks).ModuleBase 'OktaEventHooks.psd1'
        $null = $first.AddScript("Import-Module '$module'; Connect-OktaOrg -OrgUrl '$(Get-SandboxUrl)' -ApiToken (ConvertTo-SecureString '$($env:OKTAEH_SANDBOX_TOKEN)' -AsPlainText -Force); Import-OktaEventHook -Path '$file' -Confirm:`$false")
        $async = $first.BeginInvoke()
        try {
            $deadline = [datetime]::UtcNow.AddSeconds(20)
            while (@(Invoke-RestMethod "$(Get-SandboxUrl)/sandbox/faults" | Where-Object { $_ }).Count -gt 0 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $failure = Get-TerminatingError { Import-OktaEventHook -Path $file -Confirm:$false }
            $failure.FullyQualifiedErrorId | Should -BeLike 'ImportInProgress,*'
            $failure.Exception.Message | Should -Match 'Nothing was changed'
            $null = $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30))
            $first.EndInvoke($async).Result | Should -Be 'Done'
        }
        finally { $first.Dispose() }
        @(Get-OktaEventHook -Name 'Once').Count | Should -Be 1
        @(Get-SandboxWriteRequest | Where-Object method -eq 'POST').Count | Should -Be 1
    }
}
