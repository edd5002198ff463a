namespace ActorCity.Simulation.City;

/// <summary>A kind of place the field inspection samples (考核点类型).</summary>
public sealed record CheckpointType(string Id, string ChineseName, string EnglishName);

/// <summary>The 26 checkpoint types of a civilized-city field test (实地考察点位), our own vocabulary.</summary>
public static class CheckpointTypes
{
    public static IReadOnlyList<CheckpointType> All { get; } =
    [
        new("governmentServiceHall", "政务服务大厅", "government service halls"),
        new("bankBranch", "银行网点", "bank branches"),
        new("busStop", "公交站点", "bus stops"),
        new("taxi", "出租车", "taxis"),
        new("outdoorPublicToilet", "户外公厕", "outdoor public toilets"),
        new("square", "广场", "squares"),
        new("hotel", "宾馆酒店", "hotels"),
        new("park", "公园", "parks"),
        new("community", "社区", "communities"),
        new("residentialCompound", "居民小区", "residential compounds"),
        new("oldResidentialCompound", "老旧小区", "old residential compounds"),
        new("constructionSite", "建筑工地", "construction sites"),
        new("scenicSpot", "景区", "scenic spots"),
        new("school", "学校周边", "school surroundings"),
        new("supermarket", "超市", "supermarkets"),
        new("hospital", "医院周边", "hospital surroundings"),
        new("culturalVenue", "文化场馆", "cultural venues"),
        new("mainCrossing", "主要路口", "main crossings"),
        new("backStreet", "背街小巷", "back streets"),
        new("commercialStreet", "商业大街", "commercial streets"),
        new("mainRoad", "主次干道", "main roads"),
        new("urbanRuralFringe", "城乡结合部", "urban-rural fringes"),
        new("market", "农贸市场", "markets"),
        new("township", "乡镇", "townships"),
        new("station", "车站", "stations"),
        new("internetCafe", "网吧", "internet cafés"),
    ];

    private static readonly Dictionary<string, CheckpointType> s_byId = All.ToDictionary(t => t.Id);

    public static bool TryGet(string id, out CheckpointType type) => s_byId.TryGetValue(id, out type!);

    public static CheckpointType Get(string id) => s_byId[id];
}
