-- story.lua — wrk script: GET /api/stories/{id} for ids drawn at random from
-- the file named by $STORY_IDS (one id a line).
local ids = {}

init = function(args)
    local f = assert(io.open(os.getenv("STORY_IDS"), "r"))
    for line in f:lines() do ids[#ids + 1] = line end
    f:close()
    math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

request = function()
    return wrk.format("GET", "/api/stories/" .. ids[math.random(#ids)])
end
