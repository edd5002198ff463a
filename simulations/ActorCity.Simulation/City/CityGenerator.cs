using ActorCity.Simulation.Scenarios;
using Bogus;

namespace ActorCity.Simulation.City;

/// <summary>
/// Builds the district from a scenario and a seed with Bogus' zh_CN locale. Bogus' zh_CN full names put the
/// given name first, so people are <c>LastName + FirstName</c>; places combine a Bogus prefix with our own vocabulary.
/// </summary>
public static class CityGenerator
{
    private static readonly string[] s_placeSuffixes =
        ["和", "平", "安", "兴", "华", "康", "泰", "宁", "福", "顺", "盛", "丰", "源", "阳", "明", "光", "新", "春", "林", "秀"];

    private static readonly string[] s_compoundSuffixes = ["花园", "小区", "山庄", "家园", "新村", "苑"];

    public static CityModel Generate(Scenario scenario, int seed)
    {
        var faker = new Faker("zh_CN") { Random = new Randomizer(seed) };
        var usedPlaces = new HashSet<string>();

        string Person() => faker.Name.LastName() + faker.Name.FirstName();

        string Place()
        {
            for (var attempt = 0; ; attempt++)
            {
                var place = faker.Address.CityPrefix() + faker.PickRandom(s_placeSuffixes);
                if (usedPlaces.Add(place) || attempt > 20)
                {
                    return place;
                }
            }
        }

        var grids = new List<GridInfo>();
        var checkpoints = new List<CheckpointInfo>();
        for (var g = 0; g < scenario.City.Grids; g++)
        {
            var area = Place();
            var communities = Enumerable.Range(0, scenario.City.CommunitiesPerGrid).Select(_ => Place() + "社区").ToList();
            grids.Add(new GridInfo(g, g + 1, $"第 {g + 1} 网格（{area}片区）", Person(), Person(), communities));

            foreach (var type in CheckpointTypes.All)
            {
                var count = scenario.City.CheckpointsPerGrid.GetValueOrDefault(type.Id);
                for (var k = 0; k < count; k++)
                {
                    checkpoints.Add(new CheckpointInfo(checkpoints.Count, g, type.Id, CheckpointName(faker, type, Place)));
                }
            }
        }

        var departments = scenario.Departments
            .Select((d, i) => new DepartmentInfo(i, d.Name, DepartmentNames.FullName(d.Name), Person(), Person()))
            .ToList();
        return new CityModel(scenario.City.Name, grids, checkpoints, departments);
    }

    private static string CheckpointName(Faker faker, CheckpointType type, Func<string> place) => type.Id switch
    {
        "market" => place() + "农贸市场",
        "backStreet" => faker.Name.LastName() + "家巷",
        "mainRoad" => place() + "路",
        "commercialStreet" => place() + "商业街",
        "mainCrossing" => $"{place()}路与{place()}街交叉口",
        "residentialCompound" => place() + faker.PickRandom(s_compoundSuffixes),
        "oldResidentialCompound" => place() + "老旧小区",
        "school" => place() + "小学周边",
        "hospital" => place() + "医院周边",
        "busStop" => place() + "公交站",
        "outdoorPublicToilet" => place() + "公厕",
        "park" => place() + "公园",
        "square" => place() + "广场",
        "community" => place() + "社区",
        "taxi" => $"出租车 辽G{faker.Random.Number(10000, 99999)}",
        _ => place() + type.ChineseName,
    };
}
