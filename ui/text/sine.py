"""Strings of the sine-wave forecast page."""

# Symbols and model names that read the same in both languages.
SAME_IN_BOTH = {"sine.formula", "sine.axis.sin", "sine.col.t", "sine.col.truth"}

STRINGS = {
    "sine.title": ("Sine-wave forecast", "正弦波预测"),
    "sine.intro": (
        "A recurrent network reads sin(t) one point at a time and learns to predict the "
        "**next** point. Then it forecasts on its own: starting from a single point it feeds "
        "each prediction back in as the next input. Press **Train**, then **▶ Play** under the "
        "forecast to watch it being drawn point by point, and compare it with the one-step "
        "predictions, which get the true value as input at every step.",
        "循环神经网络逐点读入 sin(t)，学习预测**下一个**点。训练好之后让它自己往下预测："
        "只给它一个起点，之后每一步都把自己的预测当作下一步的输入。按“训练”，"
        "再点预测图下方的 **▶ 播放**，看预测曲线一点一点画出来；再和“单步预测”对比——"
        "单步预测每一步拿到的都是真实值。",
    ),
    # Training
    "sine.train.header": ("1 · Training", "1 · 训练"),
    "sine.recipe": ("Recipe", "训练方案"),
    "sine.recipe.fast": ("Fast (default)", "快速（默认）"),
    "sine.recipe.reference": ("Course material (sine exercise)", "课程原版（正弦波练习）"),
    "sine.recipe.fast.explain": (
        "**Fast**: every iteration trains on all three windows at once (k = 0, 1, 2), each from "
        "a zero hidden state, the state the forecast starts from; the learning rate starts at "
        "the value below and decays along a cosine; every {every} iterations the forecast MSE "
        "is measured and training stops once it is at most {target:.0e}.",
        "**快速方案**：每次迭代同时用全部三个窗口（k = 0、1、2）训练，每个窗口都从零隐状态开始，"
        "也就是预测时的起始状态；学习率从下面设定的值开始，按余弦曲线逐渐减小；"
        "每 {every} 次迭代测一次预测 MSE，一旦不超过 {target:.0e} 就停止训练。",
    ),
    "sine.recipe.reference.explain": (
        "**Course material**, the recipe of the course's sine-wave forecast exercise: Adam "
        "with learning rate 0.01, MSE loss, 6000 iterations, each on one randomly chosen "
        "window, the hidden state carried over from one iteration to the next. Expect about "
        "10–20 s and a forecast MSE near 4.7e-2.",
        "**课程原版**，即课程中正弦波预测练习的训练方案：Adam，学习率 0.01，MSE 损失，"
        "共 6000 次迭代，每次随机取一个窗口，隐状态从上一次迭代延续下来。大约需要 10–20 秒，"
        "预测 MSE 约为 4.7e-2。",
    ),
    "sine.formula": (
        "{cell}(input_size=1, hidden_size={hidden}, batch_first=True) → Linear({hidden}, 1)",
        "{cell}(input_size=1, hidden_size={hidden}, batch_first=True) → Linear({hidden}, 1)",
    ),
    "sine.data.explain": (
        "Data: {points} evenly spaced points of sin(t) from t = k, k ∈ {{0, 1, 2}}, "
        "{step:.3f} apart (the course material: 50 points on [k, k + 10]); the input is every "
        "point but the last, the target every point but the first.",
        "数据：从 t = k（k ∈ {{0, 1, 2}}）开始、间隔 {step:.3f} 的 {points} 个 sin(t) 采样点"
        "（课程原版：[k, k + 10] 上的 50 个点）；输入是除最后一个点以外的所有点，"
        "目标是除第一个点以外的所有点。",
    ),
    "sine.cell": ("Recurrent cell", "循环单元"),
    "sine.hidden": ("Hidden size", "隐藏层大小"),
    "sine.lr": ("Learning rate (Adam)", "学习率（Adam）"),
    "sine.lr.help": (
        "The fast recipe starts here and decays; the course material's recipe keeps it fixed "
        "at 0.01.",
        "快速方案从这个值开始逐渐减小；课程原版方案保持不变，为 0.01。",
    ),
    "sine.iterations": ("Iterations", "迭代次数"),
    "sine.iterations.help": (
        "At most this many updates (the fast recipe usually stops much earlier).",
        "最多更新这么多次（快速方案通常会提前很多停止）。",
    ),
    "sine.points": ("Points per window", "窗口长度（点数）"),
    "sine.points.help": (
        "Points per training window, {step:.3f} apart in t. The course material uses 50.",
        "每个训练窗口的点数，相邻两点在 t 上相距 {step:.3f}。课程原版为 50。",
    ),
    "sine.seed": ("Random seed", "随机种子"),
    "sine.seed.help": (
        "The same seed gives the same initial weights and the same run.",
        "相同的种子给出相同的初始权重和相同的训练过程。",
    ),
    "sine.early_stop": ("Early stopping", "提前停止"),
    "sine.early_stop.help": (
        "Stop as soon as the forecast MSE is at most {target:.0e}.",
        "预测 MSE 一旦不超过 {target:.0e} 就停止。",
    ),
    "sine.error.integer": (
        "{field}: “{value}” is not a whole number.",
        "{field}：“{value}”不是整数。",
    ),
    "sine.not_spec": (
        "Not exactly the course material's sine exercise: it uses an RNN cell, hidden size "
        "16, learning rate 0.01, 6000 iterations and 50 points.",
        "与课程原版正弦波练习不完全一致：课程原版使用 RNN 单元、隐藏层大小 16、学习率 0.01、"
        "6000 次迭代和 50 个点。",
    ),
    "sine.run": (
        "These results come from: {recipe}, {cell}, hidden size {hidden}, learning rate "
        "{lr:g}, {iterations}, {points} points per window, seed {seed}.",
        "以下结果来自：{recipe}，{cell}，隐藏层大小 {hidden}，学习率 {lr:g}，{iterations}，"
        "每个窗口 {points} 个点，种子 {seed}。",
    ),
    "sine.run.fast": ("fast recipe", "快速方案"),
    "sine.run.reference": ("the course material's recipe", "课程原版方案"),
    "sine.run.iterations": ("{n} iterations", "{n} 次迭代"),
    "sine.run.iterations_early": (
        "at most {n} iterations with early stopping",
        "最多 {n} 次迭代，提前停止",
    ),
    "sine.curve.title": ("Training loss and forecast MSE", "训练损失与预测 MSE"),
    "sine.axis.iteration": ("Iteration", "迭代次数"),
    "sine.axis.mse": ("Mean squared error (log scale)", "均方误差（对数坐标）"),
    "sine.curve.loss": ("Training loss (one-step MSE)", "训练损失（单步 MSE）"),
    "sine.curve.forecast": ("Forecast MSE, window [1, 11]", "预测 MSE（窗口 [1, 11]）"),
    "sine.curve.bar": ("bar 1e-2", "目标线 1e-2"),
    "sine.read.curve": (
        "the blue line is the error when the network is given the true previous point; "
        "the orange points are the error of its own 49-step forecast, which is what matters. "
        "Below the dashed line the forecast follows the curve closely. At iteration "
        "{iteration}: training loss {loss:.2e}, last forecast MSE {forecast}.",
        "蓝线是每一步都给出真实前一个点时的误差；橙色点是网络自己连续预测 49 步的误差，"
        "这才是我们关心的。低于虚线时，预测曲线就能紧紧贴住真实曲线。第 {iteration} 次迭代时："
        "训练损失 {loss:.2e}，最近一次预测 MSE {forecast}。",
    ),
    "sine.diverged": (
        "Training diverged at iteration {iteration}: the loss blew up (NaN, infinite or above "
        "10⁴ for a curve between −1 and 1), so the run stopped itself. Lower the learning "
        "rate and train again.",
        "训练在第 {iteration} 次迭代发散：损失失控了（变成 NaN、无穷大，或者对于 −1 到 1 之间的"
        "曲线超过了 10⁴），训练已自动停止。请调低学习率后重新训练。",
    ),
    # Forecast
    "sine.forecast.header": ("2 · The forecast", "2 · 预测"),
    "sine.forecast.wait": (
        "Train a model above; its forecast appears here when training has finished.",
        "先在上面训练一个模型；训练结束后预测结果会显示在这里。",
    ),
    "sine.forecast.stopped": (
        "The run was stopped before it finished: train again and let it finish to see its "
        "forecast.",
        "训练在结束前被停止了：请重新训练并等它完成，才能看到预测结果。",
    ),
    "sine.explore.header": ("Explore the forecast", "探索预测"),
    "sine.horizon": ("Forecast horizon (steps)", "预测步数"),
    "sine.horizon.help": (
        "How many points to forecast after the start, 1 to {limit}. From t = 1, 49 steps "
        "reach t = 11, the end of the window; more runs past anything the network was "
        "trained on.",
        "从起点之后预测多少个点，1 到 {limit}。从 t = 1 开始，49 步正好到 t = 11，即窗口的末端；"
        "再多就超出了网络训练时见过的范围。",
    ),
    "sine.start": ("Start at t =", "起点 t ="),
    "sine.start.help": (
        "Where the forecast starts. The network was trained on windows starting at t = 0, 1 "
        "and 2 from a zero state, so from one point elsewhere (another phase of the curve) "
        "it often fails; the Forecast MSE above is always from t = {start}.",
        "预测从哪里开始。网络只在从 t = 0、1、2 开始、从零隐状态出发的窗口上训练过，"
        "所以从别处（曲线的另一个相位）只给一个点时往往会失败；上面的“预测 MSE”始终从 "
        "t = {start} 开始。",
    ),
    "sine.warm_up": ("Warm-up: true points read first", "预热：先读入的真实点数"),
    "sine.warm_up.help": (
        "The network first reads this many true points before the start ({step:.3f} apart), "
        "as the language model reads its prefix, then the start point, then feeds its own "
        "predictions back. Its state then carries the phase: is the curve rising or falling? "
        "0 is the forecast from a single point.",
        "网络先读入起点之前的这么多个真实点（间隔 {step:.3f}），就像语言模型先读入前缀一样，"
        "然后读入起点，再把自己的预测作为下一步输入。这样隐状态就记住了相位：曲线是在上升还是"
        "下降？设为 0 就是只从一个点开始预测。",
    ),
    "sine.carried": (
        "Start from the hidden state left over from training",
        "从训练结束时残留的隐状态开始",
    ),
    "sine.carried.help": (
        "What the course material's code does (about 1.4e-2). The fair evaluation, and the "
        "Forecast MSE metric above, start from a zero hidden state (about 4.7e-2).",
        "课程原版代码就是这样做的（约 1.4e-2）。公平的评估以及上面的“预测 MSE”指标"
        "都从零隐状态开始（约 4.7e-2）。",
    ),
    "sine.metric.forecast_mse": ("Forecast MSE, window [1, 11]", "预测 MSE（窗口 [1, 11]）"),
    "sine.metric.forecast_mse.help": (
        "What training is judged by: free-running over the {steps} steps after t = 1, the "
        "window [1, 11], from a zero hidden state and a single point, whatever forecast is "
        "shown below. The fast recipe's bar is 1e-2.",
        "训练效果的衡量标准：从 t = 1 出发、从零隐状态和单个点开始，在窗口 [1, 11] 上连续自行"
        "预测 {steps} 步的均方误差，与下方显示的是哪一个预测无关。快速方案的目标是不超过 1e-2。",
    ),
    "sine.metric.time": ("Training time", "训练时间"),
    "sine.metric.one_step": ("One-step MSE, window [1, 11]", "单步预测 MSE（窗口 [1, 11]）"),
    "sine.metric.one_step.help": (
        "The same {steps} steps, but the true previous point is the input at every step.",
        "同样的 {steps} 步，但每一步的输入都是真实的前一个点。",
    ),
    "sine.metric.iterations": ("Iterations run", "实际迭代次数"),
    "sine.metric.early": ("stopped early", "已提前停止"),
    "sine.horizon_mse": (
        "Over the {steps} steps shown, the whole horizon of the forecast below (after "
        "t = {start:g}, {origin}): free-running MSE {free:.2e}, one-step MSE {one:.2e}.",
        "在下图显示的 {steps} 步上，即整个预测范围（t = {start:g} 之后，{origin}）："
        "自行预测 MSE 为 {free:.2e}，单步预测 MSE 为 {one:.2e}。",
    ),
    "sine.origin.zero": ("from a zero state", "从零隐状态开始"),
    "sine.origin.carried": (
        "from the state left over from training",
        "从训练结束时残留的隐状态开始",
    ),
    "sine.origin.warm": (
        "{origin}, after reading {k} true points",
        "{origin}，先读入 {k} 个真实点",
    ),
    "sine.fig.title": (
        "Forecast from t = {start:g} and the hidden state",
        "从 t = {start:g} 开始的预测与隐状态",
    ),
    "sine.axis.time": ("Time t (radians)", "时间 t（弧度）"),
    "sine.axis.sin": ("sin(t)", "sin(t)"),
    "sine.axis.unit": ("Hidden unit", "隐藏单元"),
    "sine.axis.state": ("h value", "h 的值"),
    "sine.legend.truth": ("True curve sin(t)", "真实曲线 sin(t)"),
    "sine.legend.free": ("Free-running forecast", "自行预测（输出反馈为输入）"),
    "sine.legend.one_step": ("One-step prediction", "单步预测（输入为真实值）"),
    "sine.legend.start": ("Start point (the only true input)", "起点（唯一的真实输入）"),
    "sine.legend.start_after": (
        "Start point (the last true input)",
        "起点（最后一个真实输入）",
    ),
    "sine.legend.warm_up": ("Warm-up: {k} true points read", "预热：读入的 {k} 个真实点"),
    "sine.step": ("Step", "步数"),
    "sine.error_word": ("error", "误差"),
    "sine.window": ("Forecast MSE window [1, 11]", "预测 MSE 的窗口 [1, 11]"),
    "sine.play": ("▶ Play", "▶ 播放"),
    "sine.pause": ("❚❚ Pause", "❚❚ 暂停"),
    "sine.read.forecast": (
        "press ▶ Play or drag the step slider. Orange is the network feeding its own "
        "predictions back, so every error is carried into the next step; green dots get the "
        "true point each time and stay close. Below, each row is one hidden unit over time "
        "(red positive, blue negative); the black line marks the current step. With a "
        "warm-up, the grey band holds the true points read first, and the heatmap shows the "
        "state settling into the curve's phase.",
        "点“▶ 播放”或拖动步数滑块。橙色是网络把自己的预测当作下一步输入的结果，每一步的误差都会带入"
        "下一步；绿色点每次都拿到真实值，所以一直贴得很近。下方每一行是一个隐藏单元随时间的取值"
        "（红正蓝负），黑线标出当前这一步。有预热时，灰色区域是先读入的真实点，热图中可以看到"
        "隐状态逐渐对上曲线的相位。",
    ),
    "sine.table.header": ("The forecast, point by point", "逐点查看预测结果"),
    "sine.col.step": ("Step", "步"),
    "sine.col.t": ("t", "t"),
    "sine.col.truth": ("sin(t)", "sin(t)"),
    "sine.col.free": ("Free-running", "自行预测"),
    "sine.col.one_step": ("One-step", "单步预测"),
    "sine.col.free_error": ("Free-running error", "自行预测误差"),
}
