# The cmdlets against real Okta answers: every recording in tests/fixtures/recorded (one test case each, so a new
# recording is covered without code changes) is replayed by a local server (ReplayServer.psm1), and each recorded
# interaction is driven by the cmdlet that makes that call. Checked for each step:
# - the cmdlet produced the object the answer holds (every field the EventHook keeps), or the error the answer
#   holds (Okta's code, summary, causes, errorId, HTTP status, error category), and the warning it implies;
# - the request body it sent has every field of the body Okta accepted, with the same value, and no field that
#   neither Okta's answers nor the accepted body know. `status` is the exception: the recorded client sent it,
#   the module changes status with the lifecycle calls instead (Okta's specification marks it read-only);
# - the replay went through the recording in order; the only other requests are the module's reads of a hook
#   before it changes or deletes it (answered with the hook as the recording last showed it).
# Set-OktaEventHook runs without -PassThru: its object is the PUT answer, whose lastUpdated can be stale.

BeforeDiscovery {
    $recordings = @(Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot 'fixtures/recorded') -Filter *.json |
        Sort-Object Name | ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
}

BeforeAll {
    Import-Module "$PSScriptRoot/ReplayServer.psm1" -Force
    if (-not (Get-Module OktaEventHooks)) {
        $module = $env:OKTAEH_MODULE
        if (-not $module) {
            $version = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../OktaEventHooks.psd1')).ModuleVersion
            $module = Join-Path $PSScriptRoot "../out/OktaEventHooks/$version/OktaEventHooks.psd1"
        }
        Import-Module $module -Force -Global
    }

    # Answer fields the EventHook has no place for: a filter condition's version (always null) and link hints.
    $script:NotKept = '^events\.filter\.eventFilterMap\[\d+\]\.condition\.version$', '^_links\.\w+\.hints\.allow(\[\d+\])?$'

    # The error category the module gives each HTTP status of an Okta error.
    $script:Categories = @{ 400 = 'InvalidArgument'; 401 = 'AuthenticationError'; 403 = 'PermissionDenied'; 404 = 'ObjectNotFound'; 429 = 'LimitsExceeded' }

    function ConvertTo-OktaTime($Time) {
        if ($null -eq $Time) { return $null }
        $Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [cultureinfo]::InvariantCulture)
    }

    # The EventHook as leaf paths of Okta's JSON (see ConvertTo-JsonLeaves), for a field-by-field comparison.
    function Get-HookLeaves($Hook) {
        $leaves = [ordered]@{
            'id' = $Hook.Id; 'status' = $Hook.Status; 'verificationStatus' = $Hook.VerificationStatus; 'name' = $Hook.Name
            'description' = $Hook.Description; 'created' = ConvertTo-OktaTime $Hook.Created; 'createdBy' = $Hook.CreatedBy
            'lastUpdated' = ConvertTo-OktaTime $Hook.LastUpdated; 'events.type' = $Hook.Events.Type
            'channel.type' = $Hook.Channel.Type; 'channel.version' = $Hook.Channel.Version
            'channel.config.uri' = $Hook.Channel.Config.Uri; 'channel.config.method' = $Hook.Channel.Config.Method
        }
        $items = @($Hook.Events.Items)
        if ($items.Count -eq 0) { $leaves['events.items'] = '[]' }
        for ($i = 0; $i -lt $items.Count; $i++) { $leaves["events.items[$i]"] = $items[$i] }
        if ($null -eq $Hook.Events.Filter) { $leaves['events.filter'] = $null }
        else {
            $leaves['events.filter.type'] = $Hook.Events.Filter.Type
            $map = @($Hook.Events.Filter.EventFilterMap)
            for ($i = 0; $i -lt $map.Count; $i++) {
                $leaves["events.filter.eventFilterMap[$i].event"] = $map[$i].Event
                $leaves["events.filter.eventFilterMap[$i].condition.expression"] = $map[$i].Expression
            }
        }
        $headers = @($Hook.Channel.Config.Headers)
        if ($headers.Count -eq 0) { $leaves['channel.config.headers'] = '[]' }
        for ($i = 0; $i -lt $headers.Count; $i++) {
            $leaves["channel.config.headers[$i].key"] = $headers[$i].Key
            $leaves["channel.config.headers[$i].value"] = $headers[$i].Value
        }
        if ($Hook.Channel.Config.AuthScheme) {
            $leaves['channel.config.authScheme.type'] = $Hook.Channel.Config.AuthScheme.Type
            $leaves['channel.config.authScheme.key'] = $Hook.Channel.Config.AuthScheme.Key
        }
        foreach ($link in $Hook.Links.GetEnumerator()) { $leaves["_links.$($link.Key).href"] = $link.Value }
        $leaves
    }

    # Differences between a cmdlet's EventHook and Okta's answer.
    function Compare-HookWithAnswer($Hook, [string] $Answer) {
        if ($Hook -isnot [OktaEventHooks.EventHook]) { return "the output is $($Hook.GetType().FullName), not an EventHook" }
        $expected = ConvertTo-JsonLeaves $Answer
        $actual = Get-HookLeaves $Hook
        foreach ($path in $expected.Keys) {
            if ($actual.Contains($path)) {
                if ($actual[$path] -cne $expected[$path]) { "$path is '$($actual[$path])', Okta's answer '$($expected[$path])'" }
            }
            elseif (-not ($script:NotKept | Where-Object { $path -match $_ })) { "$path ('$($expected[$path])') of Okta's answer is not in the EventHook" }
        }
        foreach ($path in $actual.Keys | Where-Object { -not $expected.Contains($_) }) { "the EventHook has $path = '$($actual[$path])', Okta's answer does not" }
    }

    # Differences between the body a cmdlet sent and the body Okta accepted in the recording.
    function Compare-SentBody([string] $Sent, $Accepted, [string] $Answer) {
        $sentLeaves = ConvertTo-JsonLeaves $Sent
        $acceptedLeaves = ConvertTo-JsonLeaves ($Accepted | ConvertTo-Json -Depth 20 -Compress)
        foreach ($path in $acceptedLeaves.Keys | Where-Object { $_ -ne 'status' }) {
            if (-not $sentLeaves.Contains($path)) { "sent no $path; Okta accepted '$($acceptedLeaves[$path])'" }
            elseif ($sentLeaves[$path] -cne $acceptedLeaves[$path]) { "sent $path = '$($sentLeaves[$path])'; Okta accepted '$($acceptedLeaves[$path])'" }
        }
        $known = @($acceptedLeaves.Keys) + @((ConvertTo-JsonLeaves $Answer).Keys) | ForEach-Object { Get-FieldName $_ }
        foreach ($path in $sentLeaves.Keys) {
            $field = Get-FieldName $path
            if (-not ($known | Where-Object { $_ -eq $field -or $_.StartsWith("$field[") -or $_.StartsWith("$field.") })) {
                "sent $path, a field neither Okta's answers nor the body it accepted know"
            }
        }
    }

    function ConvertTo-Secret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

    function ConvertTo-OrderedMap($Entries, [string] $KeyField, [scriptblock] $Value) {
        $map = [ordered]@{}
        foreach ($entry in @($Entries)) { if ($null -ne $entry) { $map[$entry[$KeyField]] = & $Value $entry } }
        $map
    }

    # New-OktaEventHook's parameters for a recorded POST body.
    function Get-NewParameters($Body) {
        $config = $Body.channel.config
        $parameters = @{ Name = $Body.name; Uri = $config.uri; EventType = @($Body.events.items); Confirm = $false }
        if ($null -ne $Body.description) { $parameters.Description = $Body.description }
        if ($config.headers) { $parameters.Header = ConvertTo-OrderedMap $config.headers 'key' { $args[0].value } }
        if ($Body.events.filter) { $parameters.Filter = ConvertTo-OrderedMap $Body.events.filter.eventFilterMap 'event' { $args[0].condition.expression } }
        if ($config.authScheme) {
            $parameters.AuthHeaderName = $config.authScheme.key
            $parameters.AuthHeaderValue = ConvertTo-Secret $config.authScheme.value
        }
        $parameters
    }

    # Set-OktaEventHook's parameters that turn the hook as it was ($Before, Okta's last answer) into a recorded PUT body.
    function Get-SetParameters([string] $Id, $Body, $Before) {
        $config = $Body.channel.config
        $parameters = @{
            Id = $Id; Name = $Body.name; Uri = $config.uri; EventType = @($Body.events.items); Confirm = $false
            Header = ConvertTo-OrderedMap $config.headers 'key' { $args[0].value }
            Filter = ConvertTo-OrderedMap $Body.events.filter.eventFilterMap 'event' { $args[0].condition.expression }
        }
        if ($null -ne $Body.description) { $parameters.Description = $Body.description }
        elseif ($null -ne $Before.description) { $parameters.Description = '' }
        if ($config.authScheme) {
            $parameters.AuthHeaderName = $config.authScheme.key
            $parameters.AuthHeaderValue = ConvertTo-Secret $config.authScheme.value
        }
        elseif ($Before.channel.config.authScheme) { $parameters.RemoveAuthHeader = $true }
        $parameters
    }

    # Replays one recording through the cmdlets; returns every difference found, in words.
    function Invoke-RecordedSequence($Recording, $Server) {
        $latest = @{}   # hook id -> Okta's last answer for it (what the module would have read)
        $interactions = @($Recording.interactions)
        for ($index = 0; $index -lt $interactions.Count; $index++) {
            $step = $interactions[$index]
            $where = "#$index $($step.method) $($step.path)"
            $id = if ($step.path -match '^/api/v1/eventHooks/(?<id>[^/]+)') { $Matches.id }
            $command = switch -Regex ("$($step.method) $($step.path)") {
                '^POST /api/v1/eventHooks$' { 'New-OktaEventHook', (Get-NewParameters $step.requestBody) }
                '^GET /api/v1/eventHooks$' { 'Get-OktaEventHook', @{} }
                '^GET /api/v1/eventHooks/[^/]+$' { 'Get-OktaEventHook', @{ Id = $id } }
                '^PUT /api/v1/eventHooks/[^/]+$' { 'Set-OktaEventHook', (Get-SetParameters $id $step.requestBody $latest[$id]) }
                '^DELETE /api/v1/eventHooks/[^/]+$' { 'Remove-OktaEventHook', @{ Id = $id; Confirm = $false } }
                '^POST /api/v1/eventHooks/[^/]+/lifecycle/activate$' { 'Enable-OktaEventHook', @{ Id = $id; PassThru = $true } }
                '^POST /api/v1/eventHooks/[^/]+/lifecycle/deactivate$' { 'Disable-OktaEventHook', @{ Id = $id; PassThru = $true } }
                '^POST /api/v1/eventHooks/[^/]+/lifecycle/verify$' { 'Test-OktaEventHook', @{ Id = $id } }
            }
            if (-not $command) { "${where}: no cmdlet makes this call"; continue }
            $name, $parameters = $command

            $before = $Server.Requests.Count
            $output = @(& $name @parameters -ErrorAction SilentlyContinue -ErrorVariable failures -WarningAction SilentlyContinue -WarningVariable warnings)
            $sent = @($Server.Requests | Select-Object -Skip $before)

            # The replay: this step's interaction was served, and nothing else but reads of the hook.
            $served = @($sent | Where-Object Outcome -eq 'served')
            if ($served.Count -ne 1 -or $served[0].Interaction -ne $index) {
                "${where}: $name made the calls [$(($sent | ForEach-Object { "$($_.Method) $($_.Path) ($($_.Outcome))" }) -join '; ')], not this one"
                continue
            }
            foreach ($other in $sent | Where-Object { $_.Outcome -ne 'served' -and -not ($_.Outcome -eq 'read-back' -and $_.Path -eq $step.path) }) {
                "${where}: $name also sent $($other.Method) $($other.Path) ($($other.Outcome))"
            }

            if ($step.requestBody) {
                foreach ($problem in Compare-SentBody $served[0].Body $step.requestBody $step.responseText) { "${where}: $name $problem" }
            }

            # What the answer implies: an object, nothing, or an error.
            $answer = if ($step.responseText) { $step.responseText | ConvertFrom-Json -AsHashtable -DateKind String -NoEnumerate }
            if ($step.status -ge 400) {
                if ($output.Count -ne 0) { "${where}: $name wrote $($output.Count) object(s) for an error answer" }
                if ($failures.Count -ne 1) { "${where}: $name wrote $($failures.Count) errors, expected 1"; continue }
                $error1 = $failures[0]
                $okta = $error1.Exception.Error
                if ($error1.FullyQualifiedErrorId -notlike "$($answer.errorCode),*") { "${where}: error id $($error1.FullyQualifiedErrorId), expected $($answer.errorCode),..." }
                if ($script:Categories.ContainsKey([int]$step.status) -and "$($error1.CategoryInfo.Category)" -ne $script:Categories[[int]$step.status]) {
                    "${where}: category $($error1.CategoryInfo.Category), expected $($script:Categories[[int]$step.status])"
                }
                if ($null -eq $okta) { "${where}: the error carries no Okta error"; continue }
                if ([int]$okta.StatusCode -ne $step.status) { "${where}: HTTP $([int]$okta.StatusCode) in the error, $($step.status) recorded" }
                if ($okta.ErrorSummary -cne $answer.errorSummary) { "${where}: summary '$($okta.ErrorSummary)', Okta's '$($answer.errorSummary)'" }
                if ($okta.ErrorId -cne $answer.errorId) { "${where}: errorId '$($okta.ErrorId)', Okta's '$($answer.errorId)'" }
                $causes = @($answer.errorCauses | ForEach-Object { $_.errorSummary })
                if ((@($okta.ErrorCauses) -join "`n") -cne ($causes -join "`n")) { "${where}: causes [$(@($okta.ErrorCauses) -join '; ')], Okta's [$($causes -join '; ')]" }
                continue
            }

            foreach ($failure in $failures) { "${where}: $name failed: $failure" }
            $quiet = $name -in 'Set-OktaEventHook', 'Remove-OktaEventHook'
            if ($quiet) {
                if ($output.Count -ne 0) { "${where}: $name wrote $($output.Count) object(s), expected none" }
            }
            elseif ($answer -is [System.Collections.IList]) {
                if ($output.Count -ne $answer.Count) { "${where}: $name wrote $($output.Count) hooks, Okta's answer has $($answer.Count)" }
                else { for ($i = 0; $i -lt $output.Count; $i++) { foreach ($problem in Compare-HookWithAnswer $output[$i] ($answer[$i] | ConvertTo-Json -Depth 20 -Compress)) { "${where}: [$i] $problem" } } }
            }
            elseif ($output.Count -ne 1) { "${where}: $name wrote $($output.Count) objects, expected the hook" }
            else { foreach ($problem in Compare-HookWithAnswer $output[0] $step.responseText) { "${where}: $problem" } }

            # Okta's answer to a PUT that turns a VERIFIED hook UNVERIFIED implies the module's warning about it.
            $unverified = $name -eq 'Set-OktaEventHook' -and $latest[$id].verificationStatus -eq 'VERIFIED' -and $answer.verificationStatus -eq 'UNVERIFIED'
            $expectedWarnings = if ($unverified) { 1 } else { 0 }
            if ($warnings.Count -ne $expectedWarnings) { "${where}: $name warned [$($warnings -join '; ')], expected $expectedWarnings warning(s)" }
            elseif ($unverified -and "$($warnings[0])" -notmatch 'UNVERIFIED') { "${where}: warned '$($warnings[0])', expected the UNVERIFIED warning" }

            if ($answer -is [System.Collections.IDictionary] -and $answer.id) { $latest[$answer.id] = $answer }
        }

        if ($Server.Served -ne $interactions.Count) { "only $($Server.Served) of $($interactions.Count) recorded interactions were replayed" }
    }
}

Describe 'Replay of recorded Okta traffic' {
    It 'the cmdlets make of <Name> what its answers imply, and send what Okta accepted' -ForEach $recordings {
        $recording = Read-Recording $Path
        $server = Start-ReplayServer $recording
        try {
            Connect-OktaOrg -OrgUrl "http://127.0.0.1:$($server.Port)" -ApiToken (ConvertTo-Secret 'replay-token') -MaxRetries 0
            $problems = @(Invoke-RecordedSequence $recording $server)
        }
        finally {
            Disconnect-OktaOrg
            $server.Dispose()
        }
        $problems -join "`n" | Should -BeNullOrEmpty
    }
}
