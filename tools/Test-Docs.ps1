#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Checks docs/en-US against the real cmdlets of the module.
.DESCRIPTION
    Imports the module from -ModulePath in this process and compares it with the pages in -DocsPath (read by
    tools/HelpBuilder, the same parser that writes the MAML):

      - every exported cmdlet has a page, every page is for an exported cmdlet, and about_<Module>.md exists;
      - every parameter set is in SYNTAX and its syntax line names exactly that set's parameters;
      - every parameter (common parameters excluded; WhatIf and Confirm included) has a '### -Name' section,
        and every documented parameter exists;
      - each parameter's Type, Parameter Sets, Required, Position, Accept pipeline input and Aliases agree
        with the cmdlet's metadata, set by set (a parameter whose metadata differs between sets needs one
        yaml block per set, as PlatyPS writes them);
      - every page has a SYNOPSIS, a DESCRIPTION, at least three examples, a description for every parameter,
        no '{{ ... }}' placeholders, and every PowerShell code block of an example parses.

    Prints each problem as '<file>:<line>: <message>' on its own line and exits 1, or prints one OK line and exits 0.
.EXAMPLE
    dotnet pwsh -NoProfile -File tools/Test-Docs.ps1 -ModulePath out/OktaEventHooks/0.3.0/OktaEventHooks.psd1 -DocsPath docs/en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    [Parameter(Mandatory)]
    [string] $DocsPath,

    [ValidateRange(0, 100)]
    [int] $MinimumExamples = 3
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$problems = [System.Collections.Generic.List[string]]::new()
$DocsPath = (Resolve-Path -LiteralPath $DocsPath).ProviderPath
function Add-Problem([string] $File, [int] $Line, [string] $Message) {
    $path = if ($File) { Join-Path $DocsPath $File } else { $DocsPath }
    $problems.Add("${path}:${Line}: $Message")
}

$module = Import-Module -Name $ModulePath -Force -PassThru -ErrorAction Stop | Select-Object -First 1
$model = & (Join-Path $PSScriptRoot 'ConvertTo-MamlHelp.ps1') -DocsPath $DocsPath -AsModel

foreach ($problem in $model.problems) { Add-Problem $problem.file $problem.line $problem.message }

$common = [System.Management.Automation.PSCmdlet]::CommonParameters
$commands = @($module.ExportedCommands.Values | Where-Object CommandType -in 'Cmdlet', 'Function' | Sort-Object Name)
$pages = @{}
foreach ($page in $model.commands) { $pages[$page.name] = $page }

# --- pages vs exported commands ------------------------------------------------------------------

foreach ($command in $commands) {
    if (-not $pages.ContainsKey($command.Name)) {
        Add-Problem "$($command.Name).md" 0 "'$($command.Name)' is exported but has no page."
    }
    elseif ($pages[$command.Name].name -cne $command.Name) {
        $page = $pages[$command.Name]
        Add-Problem $page.file $page.line "The title '# $($page.name)' differs in case from the cmdlet '$($command.Name)'."
    }
}
foreach ($page in $model.commands) {
    if ($page.name -notin @($commands | ForEach-Object Name)) {
        Add-Problem $page.file $page.line "'$($page.name)' is not a command exported by $($module.Name)."
    }
}
$aboutName = "about_$($module.Name)"
if ($aboutName -notin @($model.abouts | ForEach-Object name)) {
    Add-Problem "$aboutName.md" 0 "The module has no about topic '$aboutName.md'."
}

# --- helpers ---------------------------------------------------------------------------------

# Does the documented type name mean this type? PlatyPS writes the short name (String[], SwitchParameter);
# full names (System.String[]) and accelerators (string[]) are accepted too.
function Test-TypeName([string] $Name, [type] $Type) {
    $Name = $Name.Trim()
    $candidates = [System.Collections.Generic.List[type]]::new()
    $candidates.Add($Type)
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $candidates.Add($underlying) }
    foreach ($candidate in $candidates) {
        if ($Name -in $candidate.Name, $candidate.FullName, $candidate.ToString()) { return $true }
    }
    $resolved = $Name -as [type]
    return $null -ne $resolved -and $resolved -in $candidates
}

function Get-PositionText([System.Management.Automation.ParameterSetMetadata] $Metadata) {
    if ($Metadata.Position -lt 0) { 'Named' } else { [string]$Metadata.Position }
}

function Format-Pipeline([bool] $ByValue, [bool] $ByPropertyName) {
    if (-not $ByValue -and -not $ByPropertyName) { return 'False' }
    $kinds = @(if ($ByPropertyName) { 'ByPropertyName' }; if ($ByValue) { 'ByValue' })
    "True ($($kinds -join ', '))"
}

# Lines that are commands when an example shows prompts ('PS C:\> Get-Thing' followed by output).
function Get-ExampleScript([string] $Code) {
    $lines = $Code -split "`n"
    $prompt = '^\s*PS(\s[^>]*)?>\s?'
    if (-not ($lines -match $prompt)) { return $Code }
    $inCommand = $false
    $kept = foreach ($line in $lines) {
        if ($line -match $prompt) { $inCommand = $true; $line -replace $prompt, '' }
        elseif ($inCommand -and $line -match '^\s*>>\s?') { $line -replace '^\s*>>\s?', '' }
        else { $inCommand = $false; '' }   # output: keep the line count so line numbers still match
    }
    $kept -join "`n"
}

$powershellLanguages = 'powershell', 'posh', 'ps', 'ps1', 'pwsh', ''

# --- each page ---------------------------------------------------------------------------------

foreach ($command in $commands) {
    $page = $pages[$command.Name]
    if (-not $page) { continue }
    $file = $page.file

    if ($page.moduleName -and $page.moduleName -ne $module.Name) {
        Add-Problem $file 1 "Module Name is '$($page.moduleName)'; the module is '$($module.Name)'."
    }
    if ($command.CommandType -eq 'Cmdlet' -and $command.HelpFile -and $page.externalHelpFile -and
        $page.externalHelpFile -ne (Split-Path -Leaf $command.HelpFile)) {
        Add-Problem $file 1 "external help file is '$($page.externalHelpFile)'; PowerShell looks for '$(Split-Path -Leaf $command.HelpFile)'."
    }
    foreach ($placeholder in $page.placeholders) {
        Add-Problem $file $placeholder.line "Placeholder text '$($placeholder.text)' is left in the page."
    }

    # Sections with content (a missing or empty SYNOPSIS/DESCRIPTION is already a problem of the model).
    $examples = @($page.examples)
    if ($examples.Count -lt $MinimumExamples) {
        $line = if ($page.examplesLine) { $page.examplesLine } else { $page.line }
        Add-Problem $file $line "'$($command.Name)' has $($examples.Count) example(s); at least $MinimumExamples are needed."
    }
    foreach ($example in $examples) {
        $snippets = @($example.code | Where-Object { $_.language.ToLowerInvariant() -in $powershellLanguages })
        if ($example.code -and -not $snippets) {
            Add-Problem $file $example.line "'### $($example.title)' has no PowerShell code block (```powershell)."
        }
        foreach ($snippet in $snippets) {
            $tokens = $null; $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput((Get-ExampleScript $snippet.text), [ref]$tokens, [ref]$errors)
            foreach ($parseError in $errors) {
                Add-Problem $file ($snippet.line + $parseError.Extent.StartLineNumber - 1) "'### $($example.title)': the code does not parse: $($parseError.Message)"
            }
        }
    }

    # Parameter sets.
    $realSets = @($command.ParameterSets)
    $docSets = @($page.syntax)
    $singleUnnamed = $realSets.Count -eq 1 -and $realSets[0].Name -eq '__AllParameterSets'
    $setMap = @{}   # real set name -> documented syntax set
    if ($singleUnnamed) {
        if ($docSets.Count -eq 1) { $setMap[$realSets[0].Name] = $docSets[0] }
        elseif ($docSets.Count -gt 1) {
            Add-Problem $file $docSets[1].line "'$($command.Name)' has one parameter set, but SYNTAX shows $($docSets.Count)."
        }
    }
    else {
        foreach ($set in $realSets) {
            $doc = $docSets | Where-Object name -eq $set.Name | Select-Object -First 1
            if ($doc) { $setMap[$set.Name] = $doc }
            else { Add-Problem $file $page.line "The parameter set '$($set.Name)' has no '### $($set.Name)' in SYNTAX." }
        }
        foreach ($doc in $docSets | Where-Object name -notin @($realSets | ForEach-Object Name)) {
            Add-Problem $file $doc.line "SYNTAX shows the parameter set '$($doc.name)', which '$($command.Name)' does not have (it has: $(@($realSets | ForEach-Object Name) -join ', '))."
        }
        $default = $realSets | Where-Object IsDefault | Select-Object -First 1
        $markedDefault = @($docSets | Where-Object isDefault)
        if ($default -and $setMap.ContainsKey($default.Name) -and -not $setMap[$default.Name].isDefault) {
            Add-Problem $file $setMap[$default.Name].line "'### $($default.Name)' is the default parameter set; write '### $($default.Name) (Default)'."
        }
        foreach ($doc in $markedDefault | Where-Object { -not $default -or $_.name -ne $default.Name }) {
            Add-Problem $file $doc.line "'### $($doc.name)' is marked (Default), but it is not the cmdlet's default parameter set."
        }
    }
    foreach ($set in $realSets) {
        $doc = $setMap[$set.Name]
        if (-not $doc) { continue }
        $expected = @($set.Parameters | ForEach-Object Name | Where-Object { $_ -notin $common })
        $named = @($doc.parameterNames)
        foreach ($name in $expected | Where-Object { $_ -notin $named }) {
            Add-Problem $file $doc.line "The syntax of '$($doc.name)' does not show -$name."
        }
        foreach ($name in $named | Where-Object { $_ -notin $expected -and $_ -notin $common }) {
            Add-Problem $file $doc.line "The syntax of '$($doc.name)' shows -$name, which that parameter set does not have."
        }
    }

    # Parameters.
    $realParameters = @($command.Parameters.Values | Where-Object Name -notin $common | Sort-Object Name)
    $realNames = @($realParameters | ForEach-Object Name)
    $docParameters = @{}
    foreach ($parameter in $page.parameters) { $docParameters[$parameter.name] = $parameter }
    if (-not $page.hasCommonParameters -and $command.CommandType -eq 'Cmdlet') {
        Add-Problem $file $page.line "PARAMETERS has no '### CommonParameters' section."
    }
    foreach ($parameter in $page.parameters) {
        if ($parameter.name -notin $realNames) {
            Add-Problem $file $parameter.line "'### -$($parameter.name)' is documented, but '$($command.Name)' has no such parameter."
        }
        elseif ($parameter.name -cnotin $realNames) {
            $real = ($realParameters | Where-Object Name -eq $parameter.name).Name
            Add-Problem $file $parameter.line "'### -$($parameter.name)' differs in case from the parameter -$real."
        }
        if (-not $parameter.description) {
            Add-Problem $file $parameter.line "'### -$($parameter.name)' has no description."
        }
    }

    foreach ($real in $realParameters) {
        $doc = $docParameters[$real.Name]
        if (-not $doc) {
            Add-Problem $file $page.line "-$($real.Name) has no '### -$($real.Name)' section in PARAMETERS."
            continue
        }
        $blocks = @($doc.blocks)
        if (-not $blocks) { continue }   # the model already reported the broken yaml

        $inAll = $real.ParameterSets.ContainsKey('__AllParameterSets') -or $singleUnnamed
        $realSetNames = @($real.ParameterSets.Keys | Where-Object { $_ -ne '__AllParameterSets' })
        foreach ($block in $blocks) {
            $blockAll = -not $block.parameterSets -or '(All)' -in $block.parameterSets
            if ($blockAll -and -not $inAll) {
                Add-Problem $file $block.line "-$($real.Name): Parameter Sets is (All), but the parameter is only in: $($realSetNames -join ', ')."
            }
            foreach ($name in $block.parameterSets | Where-Object { $_ -ne '(All)' -and $_ -notin $realSetNames -and -not $inAll }) {
                Add-Problem $file $block.line "-$($real.Name): Parameter Sets names '$name', but the parameter is not in that set (it is in: $($realSetNames -join ', '))."
            }
            if (-not (Test-TypeName $block.type $real.ParameterType)) {
                Add-Problem $file $block.line "-$($real.Name): Type is '$($block.type)', but the parameter is [$($real.ParameterType.Name)] ($($real.ParameterType.FullName))."
            }
            $aliases = @($real.Aliases | Sort-Object)
            $docAliases = @($block.aliases | Sort-Object)
            if (($aliases -join ',') -ne ($docAliases -join ',')) {
                $shown = if ($aliases) { $aliases -join ', ' } else { '(none)' }
                Add-Problem $file $block.line "-$($real.Name): Aliases is '$($docAliases -join ', ')', but the parameter's aliases are $shown."
            }
        }

        # Set by set: the block that covers the set (a block naming the set wins over an (All) block).
        $sets = if ($singleUnnamed -or $real.ParameterSets.ContainsKey('__AllParameterSets')) {
            @($realSets | ForEach-Object Name)
        } else { $realSetNames }
        foreach ($setName in $sets) {
            $metadata = if ($real.ParameterSets.ContainsKey($setName)) { $real.ParameterSets[$setName] } else { $real.ParameterSets['__AllParameterSets'] }
            $block = $blocks | Where-Object { $setName -in $_.parameterSets } | Select-Object -First 1
            if (-not $block) { $block = $blocks | Where-Object { -not $_.parameterSets -or '(All)' -in $_.parameterSets } | Select-Object -First 1 }
            if (-not $block -and $singleUnnamed) { $block = $blocks[0] }
            if (-not $block) {
                Add-Problem $file $doc.line "-$($real.Name) is in the parameter set '$setName', but its Parameter Sets do not include it."
                continue
            }
            $where = if ($realSets.Count -gt 1) { " (set $setName)" } else { '' }
            if ([bool]$block.required -ne $metadata.IsMandatory) {
                Add-Problem $file $block.line "-$($real.Name)${where}: Required is $($block.required), but the cmdlet says $($metadata.IsMandatory)."
            }
            $position = Get-PositionText $metadata
            if ($block.position -ne $position) {
                Add-Problem $file $block.line "-$($real.Name)${where}: Position is $($block.position), but the cmdlet says $position."
            }
            if ([bool]$block.byValue -ne $metadata.ValueFromPipeline -or [bool]$block.byPropertyName -ne $metadata.ValueFromPipelineByPropertyName) {
                Add-Problem $file $block.line "-$($real.Name)${where}: Accept pipeline input is '$($block.pipelineInput)', but the cmdlet says $(Format-Pipeline $metadata.ValueFromPipeline $metadata.ValueFromPipelineByPropertyName)."
            }
            $wildcards = $real.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }
            if ($wildcards -and -not $block.wildcards) {
                Add-Problem $file $block.line "-$($real.Name): the parameter has [SupportsWildcards]; write 'Accept wildcard characters: True'."
            }
        }
    }
}

# --- result ------------------------------------------------------------------------------------

$unique = @($problems | Select-Object -Unique)
if ($unique) {
    foreach ($problem in $unique) { Write-Host $problem }
    Write-Host "$($unique.Count) problem(s) in $DocsPath."
    exit 1
}
$parameterCount = ($model.commands | ForEach-Object { @($_.parameters).Count } | Measure-Object -Sum).Sum
$exampleCount = ($model.commands | ForEach-Object { @($_.examples).Count } | Measure-Object -Sum).Sum
Write-Host "Docs OK: $($commands.Count) cmdlets, $parameterCount parameters, $exampleCount examples and $(@($model.abouts).Count) about topic(s) in $DocsPath match $($module.Name) $($module.Version)."
exit 0
