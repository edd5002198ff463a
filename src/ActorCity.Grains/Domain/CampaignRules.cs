using System.Runtime.CompilerServices;

namespace ActorCity.Grains.Domain;

/// <summary>Campaign settings prepared for fast use: the parsed calendar and the category index. One per settings instance.</summary>
public sealed class CampaignRules
{
    private static readonly ConditionalWeakTable<CampaignSettings, CampaignRules> s_cache = [];
    private readonly Dictionary<string, CategoryDefinition> _categories = new(StringComparer.Ordinal);

    public CampaignRules(CampaignSettings settings)
    {
        Settings = settings;
        Calendar = WorkingCalendar.For(settings.Calendar);
        foreach (var category in settings.Categories)
        {
            _categories[category.Code] = category;
        }
    }

    public CampaignSettings Settings { get; }

    public WorkingCalendar Calendar { get; }

    public EscalationPolicy Escalation => Settings.Escalation;

    public static CampaignRules For(CampaignSettings settings) => s_cache.GetValue(settings, static s => new CampaignRules(s));

    public CategoryDefinition Category(string code) =>
        _categories.TryGetValue(code, out var category)
            ? category
            : throw new DomainException(DomainErrors.UnknownCategory, $"Category '{code}' is not in campaign {Settings.CampaignId}'s catalogue.");

    /// <summary>Checks settings before headquarters stores them.</summary>
    public static void Validate(CampaignSettings settings)
    {
        _ = new WorkingCalendar(settings.Calendar);
        var p = settings.Escalation;
        if (p.ReminderShare is <= 0 or >= 1)
        {
            throw new DomainException(DomainErrors.InvalidSettings, "Escalation reminder share must be between 0 and 1 (exclusive).");
        }

        if (p.PublicNoticeAfterOverdueDays < 0 || p.AccountabilityAfterOverdueDays < p.PublicNoticeAfterOverdueDays)
        {
            throw new DomainException(DomainErrors.InvalidSettings, "Public notice needs 0 or more overdue days, and accountability at least as many.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in settings.Categories)
        {
            if (!seen.Add(c.Code) || c.LeadDepartment.Length == 0 || c.TimeLimit.Amount <= 0)
            {
                throw new DomainException(DomainErrors.InvalidSettings, $"Category '{c.Code}' is duplicated, has no lead department or no positive time limit.");
            }
        }

        if (settings.InspectionDate < settings.Start)
        {
            throw new DomainException(DomainErrors.InvalidSettings, "The inspection date cannot precede the campaign start.");
        }
    }
}
