using MotCua.Web.Platform.Database;
using Npgsql;
using Shouldly;

namespace MotCua.Tests.Foundation;

public sealed class DatabaseConnectionTests
{
    [Fact]
    public void PostgreSQL_connections_prepare_repeated_statements_and_skip_the_pool_reset_unless_the_connection_string_says_otherwise()
    {
        var defaults = new NpgsqlConnectionStringBuilder(DatabaseModule.PostgresConnectionString("Host=db.example;Username=motcua;Maximum Pool Size=40"));
        defaults.MaxAutoPrepare.ShouldBe(64);
        defaults.AutoPrepareMinUsages.ShouldBe(2);
        defaults.NoResetOnClose.ShouldBeTrue();
        (defaults.Host, defaults.Username, defaults.MaxPoolSize).ShouldBe(("db.example", "motcua", 40));

        var own = new NpgsqlConnectionStringBuilder(DatabaseModule.PostgresConnectionString("Host=db.example;Max Auto Prepare=0;No Reset On Close=false"));
        own.MaxAutoPrepare.ShouldBe(0);
        own.NoResetOnClose.ShouldBeFalse();
    }
}
