using System.Collections.Immutable;

namespace ActorCity.Grains.Domain;

/// <summary>
/// The catalogue that ships with the product: departments, problem categories with lead departments and time limits
/// (DOMAIN.md, CJ/T 315 practice), the 8-category 1,000-point sanitary-city standard, and checkpoint types.
/// </summary>
public static class DefaultCatalogue
{
    public const string Sanitation = "SANITATION";
    public const string UrbanManagement = "URBAN-MGMT";
    public const string Housing = "HOUSING";
    public const string Health = "HEALTH";
    public const string Market = "MARKET";
    public const string TrafficPolice = "TRAFFIC-POLICE";
    public const string Ecology = "ECOLOGY";
    public const string Police = "POLICE";

    /// <summary>Department codes and names: 环卫, 城管, 住建, 卫健/爱卫办, 市场监管, 交警, 生态环境, 公安.</summary>
    public static readonly ImmutableArray<(string Code, string Name)> Departments =
    [
        (Sanitation, "环卫处"),
        (UrbanManagement, "城管执法局"),
        (Housing, "住建局"),
        (Health, "卫健局（爱卫办）"),
        (Market, "市场监管局"),
        (TrafficPolice, "交警大队"),
        (Ecology, "生态环境分局"),
        (Police, "公安分局"),
    ];

    /// <summary>The sanitary-city standard: 8 categories, 1,000 points; pass at 850 (our default, configurable).</summary>
    public static readonly AssessmentStandard Standard = new(
    [
        new("ORGANIZATION", "爱国卫生组织管理", 80, 2),
        new("HEALTH-EDUCATION", "健康教育和健康促进", 100, 2),
        new("CITY-APPEARANCE", "市容环境卫生", 250, 2),
        new("ENVIRONMENT", "环境保护", 100, 2),
        new("KEY-PLACES", "重点场所卫生", 130, 2),
        new("FOOD-WATER", "食品和生活饮用水安全", 150, 3),
        new("PUBLIC-HEALTH", "公共卫生与医疗服务", 90, 2),
        new("VECTOR", "病媒生物预防控制", 100, 3),
    ],
        850);

    public static readonly ImmutableArray<CategoryDefinition> Categories =
    [
        new("exposed-garbage", "暴露垃圾", CaseKind.Event, Sanitation, TimeLimit.Hours(4), "CITY-APPEARANCE"),
        new("road-not-clean", "道路不洁", CaseKind.Event, Sanitation, TimeLimit.Hours(3), "CITY-APPEARANCE"),
        new("standing-water", "道路积水", CaseKind.Event, Housing, TimeLimit.Hours(4), "CITY-APPEARANCE"),
        new("illegal-structure", "违章搭建", CaseKind.Event, UrbanManagement, TimeLimit.Days(15), "CITY-APPEARANCE"),
        new("street-vending", "占道经营、流动摊贩", CaseKind.Event, UrbanManagement, TimeLimit.Hours(8), "CITY-APPEARANCE"),
        new("out-of-store", "店外经营", CaseKind.Event, UrbanManagement, TimeLimit.Days(1), "CITY-APPEARANCE"),
        new("small-ads", "小广告、乱涂乱画", CaseKind.Event, UrbanManagement, TimeLimit.Days(1), "CITY-APPEARANCE"),
        new("clutter", "乱堆乱放、乱悬乱挂", CaseKind.Event, UrbanManagement, TimeLimit.Days(1), "CITY-APPEARANCE"),
        new("disorderly-parking", "车辆乱停乱放", CaseKind.Event, TrafficPolice, TimeLimit.Hours(4), "CITY-APPEARANCE"),
        new("construction-hoarding", "工地围挡不规范", CaseKind.Event, Housing, TimeLimit.Days(3), "CITY-APPEARANCE"),
        new("damaged-facility", "公共设施破损", CaseKind.Facility, Housing, TimeLimit.Days(5), "CITY-APPEARANCE"),
        new("public-toilet", "公厕卫生不达标", CaseKind.Facility, Sanitation, TimeLimit.Hours(4), "KEY-PLACES"),
        new("market-hygiene", "农贸市场环境卫生", CaseKind.Event, Market, TimeLimit.Days(2), "KEY-PLACES"),
        new("vector-control", "病媒生物孳生（鼠迹、蚊蝇）", CaseKind.Event, Health, TimeLimit.Days(3), "VECTOR"),
        new("food-licence", "无证无照食品经营", CaseKind.Event, Market, TimeLimit.Days(10), "FOOD-WATER"),
        new("food-hygiene", "店内卫生不合格、无三防设施", CaseKind.Event, Market, TimeLimit.Days(5), "FOOD-WATER"),
        new("smoking-signs", "禁烟标识缺失", CaseKind.Event, Health, TimeLimit.Days(3), "HEALTH-EDUCATION"),
        new("health-education", "健康教育专栏缺失", CaseKind.Event, Health, TimeLimit.Days(5), "HEALTH-EDUCATION"),
        new("pollution", "污染源、黑臭水体", CaseKind.Event, Ecology, TimeLimit.Days(10), "ENVIRONMENT"),
        new("public-order", "公共场所秩序", CaseKind.Event, Police, TimeLimit.Days(1), "PUBLIC-HEALTH"),
    ];

    /// <summary>The checkpoint types of a civilized-city field test (实地考察点位).</summary>
    public static readonly ImmutableArray<string> CheckpointTypes =
    [
        "government-service-hall", "bank-branch", "bus-stop", "taxi", "public-toilet", "square", "hotel", "park",
        "community", "residential-compound", "construction-site", "scenic-spot", "school", "supermarket", "hospital",
        "cultural-venue", "main-crossing", "back-street", "commercial-street", "main-road", "urban-rural-fringe",
        "market", "township", "station", "school-surroundings", "hospital-surroundings",
    ];

    /// <summary>Settings with the default catalogue, standard and calendar.</summary>
    public static CampaignSettings Settings(string campaignId, string name, DateTimeOffset start, DateTimeOffset inspectionDate) => new()
    {
        CampaignId = campaignId,
        Name = name,
        Start = start,
        InspectionDate = inspectionDate,
        Categories = Categories,
        Standard = Standard,
    };
}
