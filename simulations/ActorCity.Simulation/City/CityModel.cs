namespace ActorCity.Simulation.City;

/// <summary>The generated district: names and structure, fixed for a scenario and seed.</summary>
public sealed record CityModel(
    string Name,
    IReadOnlyList<GridInfo> Grids,
    IReadOnlyList<CheckpointInfo> Checkpoints,
    IReadOnlyList<DepartmentInfo> Departments);

/// <summary>A grid (网格) with its chief (网格长), responsible leader (包保领导) and communities (社区).</summary>
public sealed record GridInfo(int Index, int Number, string Name, string Chief, string Leader, IReadOnlyList<string> Communities);

/// <summary>A checkpoint (考核点): a place of one type in one grid.</summary>
public sealed record CheckpointInfo(int Index, int Grid, string Type, string Name);

/// <summary>A department (职能部门) with its head and responsible leader.</summary>
public sealed record DepartmentInfo(int Index, string Name, string FullName, string Head, string Leader);
